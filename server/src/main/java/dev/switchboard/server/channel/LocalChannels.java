package dev.switchboard.server.channel;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Channels;
import dev.switchboard.api.Session;
import dev.switchboard.server.deflate.OutboundMessage;

/**
 * One protocol's channels on this node: the engine behind {@link Channels} when the server runs alone. A cluster
 * engine would implement the same interface and keep the same rules.
 *
 * <p>A channel is in {@link #live} exactly while it has members: a join brings it into being and the leave of its
 * last member removes it, each inside the map's atomic update of that name, so a join racing the last leave lands in
 * a live channel, never in one just removed. Publishes take only the channel's own lock, never the map's: channels
 * do not wait for each other, and nothing here waits for a client.
 *
 * <p>Each session's channel names are kept too, so that a session that ends leaves them all ({@link #leaveAll})
 * without a look at every channel.
 */
public final class LocalChannels implements Channels {

    // Every publish on one node is complete when it returns. The stage cannot be completed by its receiver, so one
    // serves every publish.
    private static final CompletionStage<Void> PUBLISHED = CompletableFuture.completedStage(null);

    private final String protocol;
    private final Predicate<Session> ownSession;
    private final ConcurrentHashMap<String, LiveChannel> live = new ConcurrentHashMap<>();
    // Updated inside the update of live for the channel's name, so the two agree for every name.
    private final ConcurrentHashMap<ChannelMember, Set<String>> memberships = new ConcurrentHashMap<>();

    /**
     * Creates a protocol's channels, none yet.
     *
     * @param protocol   the protocol's name, for messages
     * @param ownSession whether a session is one of the protocol's own: only those may join
     */
    public LocalChannels(String protocol, Predicate<Session> ownSession) {
        this.protocol = Objects.requireNonNull(protocol, "protocol is null");
        this.ownSession = Objects.requireNonNull(ownSession, "ownSession is null");
    }

    @Override
    public Channel channel(String name, ChannelBacklog backlog) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(backlog, "backlog is null");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A channel name has 1 to " + MAX_NAME_LENGTH + " chars; this one has "
                                                       + name.length());
        }
        return new ChannelHandle(this, name, backlog);
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(live.keySet());
    }

    @Override
    public int count() {
        return live.size();
    }

    /**
     * Takes a session that ended out of every channel it is in; channels it was the last member of vanish. Called
     * before its close event.
     *
     * @param session the session
     */
    public void leaveAll(Session session) {
        Set<String> names = memberships.remove(session);
        if (names != null) {
            names.forEach(name -> leave(name, session));
        }
    }

    boolean join(String name, ChannelBacklog backlog, Session session, int maxMembers) {
        ChannelMember member = member(session);
        if (!member.isOpen()) {
            return false;
        }
        boolean[] joined = new boolean[1];
        live.compute(name, (key, existing) -> {
            LiveChannel channel = existing != null ? existing : new LiveChannel(new ChannelHistory(backlog));
            // Joins and leaves of one name run one at a time in this update: the count cannot change under the check.
            joined[0] = channel.memberCount() < maxMembers && channel.join(member);
            if (joined[0]) {
                memberships.computeIfAbsent(member, m -> ConcurrentHashMap.newKeySet()).add(key);
            }
            return channel;
        });
        if (joined[0] && !member.isOpen()) {
            // It ended while joining: leaveAll may have run before this membership was there to be found. As the
            // contract says of a session no longer open, nothing happened.
            leave(name, member);
            return false;
        }
        return joined[0];
    }

    boolean leave(String name, Session session) {
        boolean[] left = new boolean[1];
        live.computeIfPresent(name, (key, channel) -> {
            left[0] = channel.leave(session);
            if (left[0] && session instanceof ChannelMember member) {
                memberships.computeIfPresent(member, (m, names) -> {
                    names.remove(key);
                    return names.isEmpty() ? null : names;
                });
            }
            return channel.vanished() ? null : channel;
        });
        return left[0];
    }

    CompletionStage<Void> publish(String name, String text) {
        publish(name, OutboundMessage.text(text));
        return PUBLISHED;
    }

    CompletionStage<Void> publish(String name, ByteBuffer data) {
        publish(name, OutboundMessage.binary(data));
        return PUBLISHED;
    }

    Set<Session> members(String name) {
        LiveChannel channel = live.get(name);
        return channel == null ? Set.of() : channel.members();
    }

    int memberCount(String name) {
        LiveChannel channel = live.get(name);
        return channel == null ? 0 : channel.memberCount();
    }

    // Encoded at most once plain and once compressed; every member's queue and the backlog share the arrays.
    private void publish(String name, OutboundMessage message) {
        int payloadBytes = message.payloadBytes();
        while (true) {
            LiveChannel channel = live.get(name);
            if (channel == null) {
                return;
            }
            List<ChannelMember> behind = channel.publish(message, payloadBytes);
            if (behind == LiveChannel.VANISHED) {
                continue;
            }
            if (behind != null) {
                slowDownPublisher(behind);
            }
            return;
        }
    }

    // Only a publish made by a session's handler call can be slowed: the server then stops reading from that
    // session's client. A timer's publish cannot; its members overflow and close as slow consumers instead. A call that
    // publishes again to members its last hold still waits for adds no hold: one per publish would cost a set and a
    // drain waiter per member behind, for every publish of a call that publishes in a loop.
    private static void slowDownPublisher(List<ChannelMember> behind) {
        if (Thread.currentThread() instanceof HandlerCallThread thread) {
            ChannelMember publisher = thread.callingSession();
            if (publisher != null) {
                if (thread.callHold() instanceof PublisherHold last && last.waitsFor(behind)) {
                    return;
                }
                thread.callHold(PublisherHold.start(publisher, behind));
            }
        }
    }

    private ChannelMember member(Session session) {
        Objects.requireNonNull(session, "session is null");
        if (session instanceof ChannelMember member && ownSession.test(session)) {
            return member;
        }
        throw new IllegalArgumentException("Session " + session.id() + " (" + session.subprotocol()
                                                   + ") is not a session of protocol " + protocol
                                                   + ": it cannot join its channels");
    }
}
