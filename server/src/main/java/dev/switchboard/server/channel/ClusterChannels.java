package dev.switchboard.server.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Session;
import dev.switchboard.server.channel.ChannelRelay.JoinView;

/**
 * One protocol's channels on a node of a cluster: the engine behind {@link dev.switchboard.api.Channels} when
 * {@code switchboard.cluster.redis} is set. The members are this node's sessions; the messages travel through a
 * {@link ChannelRelay} (Redis), which gives each channel one order for every member on every node.
 *
 * <p>How the rules of {@link dev.switchboard.api.Channel} hold across nodes:
 * <ul>
 *     <li>One order: a publish only hands the message to the relay. Each node queues to its members only what comes
 *     back from its subscription, its own publishes included, never a local shortcut, so every member on every node
 *     gets the relay's order.</li>
 *     <li>Backlog then live, no gap, nothing twice: see {@link ClusterChannel}. The backlog lives in the relay, so a
 *     late joiner on any node gets it; its bounds are fixed by the join that brings the channel into being anywhere
 *     in the cluster.</li>
 *     <li>Joining: the first member on this node subscribes; {@code join} returns once the subscription is confirmed
 *     and the backlog read (at most {@value #JOIN_WAIT_SECONDS} s). A join the relay cannot serve (Redis unreachable)
 *     throws {@link IllegalStateException}: nothing happened, and a protocol that joins in {@code open} sees its
 *     session closed as after any failure there.</li>
 *     <li>Publishing never blocks: the stage completes once the message has its place in the order and has come back
 *     to this node's members (at most 5 s after Redis answered, should the subscription not bring it), on a thread of
 *     its own, or fails at once while the relay is disconnected (nothing is buffered). A publish from
 *     a handler call while this node's members are behind slows that publisher as on one node, and so does one that
 *     would have more than {@value InFlightPublishes#MAX} of the protocol's publishes on their way through Redis
 *     (see {@link InFlightPublishes}).</li>
 *     <li>{@link dev.switchboard.api.Channel#members()}, {@link dev.switchboard.api.Channel#memberCount()} (and so
 *     {@code join(session, maxMembers)}), {@link #names()} and {@link #count()} count this node's members and
 *     channels, as the API says of members. A channel vanishes, backlog included, when no node has members left; the
 *     keys of a channel whose nodes all died expire a day after its last publish or join.</li>
 *     <li>While the relay is disconnected, members get nothing: messages published elsewhere meanwhile do not reach
 *     this node's members (the order is the relay's, and nothing is replayed). The subscriptions are restored when it
 *     reconnects.</li>
 * </ul>
 */
public final class ClusterChannels extends ChannelEngine<ClusterChannel> {

    /** How long a join waits for the subscription and the backlog. */
    static final long JOIN_WAIT_SECONDS = 5;

    // Publish stages complete on threads of their own: a protocol's callback must never run on, and never block, the
    // relay's I/O thread.
    private static final Executor CALLBACKS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("switchboard-channel-callback").factory());

    private final ChannelRelay relay;
    private final InFlightPublishes inFlight = new InFlightPublishes();

    /**
     * Creates a protocol's channels, none yet.
     *
     * @param protocol   the protocol's name, for messages and keys
     * @param ownSession whether a session is one of the protocol's own: only those may join
     * @param relay      how messages travel between the nodes
     */
    public ClusterChannels(String protocol, Predicate<Session> ownSession, ChannelRelay relay) {
        super(protocol, ownSession);
        this.relay = relay;
    }

    @Override
    ClusterChannel open(String name, ChannelBacklog backlog) {
        ClusterChannel channel = new ClusterChannel(relay);
        // Asynchronous: nothing waits inside the map's update.
        channel.subscribed(relay.subscribe(protocol(), name, channel::deliver).toCompletableFuture());
        return channel;
    }

    // Waits for the subscription and the backlog, then admits the joiner.
    @Override
    boolean settle(ClusterChannel channel, String name, ChannelBacklog backlog, ChannelMember member) {
        try {
            channel.subscribed().get(JOIN_WAIT_SECONDS, TimeUnit.SECONDS);
            JoinView view = relay.join(protocol(), name, backlog).toCompletableFuture()
                    .get(JOIN_WAIT_SECONDS, TimeUnit.SECONDS);
            channel.admit(member, view);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            leave(name, member);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot join channel '" + name + "' of protocol " + protocol()
                                                    + ": the cluster's Redis did not answer (" + cause + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leave(name, member);
            return false;
        }
    }

    // Sent in this order on one connection, before any later join of the name subscribes again.
    @Override
    void vanished(String name) {
        relay.unsubscribe(protocol(), name);
        relay.leave(protocol(), name);
    }

    @Override
    CompletionStage<Void> publish(String name, String text) {
        return publish(name, false, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    CompletionStage<Void> publish(String name, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(data.position(), bytes);
        return publish(name, true, bytes);
    }

    /**
     * How long a join waits for the relay.
     *
     * @return the wait
     */
    public static Duration joinWait() {
        return Duration.ofSeconds(JOIN_WAIT_SECONDS);
    }

    private CompletionStage<Void> publish(String name, boolean binary, byte[] payload) {
        ClusterChannel local = live.get(name);
        if (local != null) {
            MembersBehind behind = local.behind();
            if (behind != null) {
                PublisherHold.slowDown(behind);
            }
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        inFlight.sent();
        relay.publish(protocol(), name, local == null ? null : local.bounds(), binary, payload)
                .thenCompose(seq -> {
                    ClusterChannel channel = live.get(name);
                    return channel == null ? CompletableFuture.completedFuture(null)
                            : channel.delivered(relay.epoch(), seq);
                })
                .whenComplete((done, failure) -> inFlight.done())
                .whenCompleteAsync((done, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure instanceof CompletionException wrapped
                                                             && wrapped.getCause() != null
                                                             ? wrapped.getCause() : failure);
                    } else {
                        result.complete(null);
                    }
                }, CALLBACKS);
        return result;
    }
}
