package dev.switchboard.server.channel;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Channels;
import dev.switchboard.api.Session;
import dev.switchboard.server.deflate.OutboundMessage;

/**
 * One protocol's channels on this node: the engine behind {@link Channels} when the server runs alone.
 * {@link ClusterChannels} is the engine of a cluster, with the same rules.
 *
 * <p>A channel is in {@link #live} exactly while it has members: a join brings it into being and the leave of its
 * last member removes it, each inside the map's atomic update of that name, so a join racing the last leave lands in
 * a live channel, never in one just removed. Publishes take only the channel's own lock, never the map's: channels
 * do not wait for each other, and nothing here waits for a client.
 *
 * <p>Each session's channel names are kept too, so that a session that ends leaves them all ({@link #leaveAll})
 * without a look at every channel.
 */
public final class LocalChannels extends ChannelEngine<LiveChannel> {

    // Every publish on one node is complete when it returns. The stage cannot be completed by its receiver, so one
    // serves every publish.
    private static final CompletionStage<Void> PUBLISHED = CompletableFuture.completedStage(null);


    /**
     * Creates a protocol's channels, none yet.
     *
     * @param protocol   the protocol's name, for messages
     * @param ownSession whether a session is one of the protocol's own: only those may join
     */
    public LocalChannels(String protocol, Predicate<Session> ownSession) {
        super(protocol, ownSession);
    }

    @Override
    LiveChannel open(String name, ChannelBacklog backlog) {
        return new LiveChannel(new ChannelHistory(backlog));
    }

    // The member got the backlog as it was added: nothing is left to do.
    @Override
    boolean settle(LiveChannel channel, String name, ChannelBacklog backlog, ChannelMember member) {
        return true;
    }

    // Nothing outside this node knows the channel.
    @Override
    void vanished(String name) {
    }

    @Override
    CompletionStage<Void> publish(String name, String text) {
        publish(name, OutboundMessage.text(text));
        return PUBLISHED;
    }

    @Override
    CompletionStage<Void> publish(String name, ByteBuffer data) {
        publish(name, OutboundMessage.binary(data));
        return PUBLISHED;
    }

    // Encoded at most once plain and once compressed; every member's queue and the backlog share the arrays.
    private void publish(String name, OutboundMessage message) {
        int payloadBytes = message.payloadBytes();
        while (true) {
            LiveChannel channel = live.get(name);
            if (channel == null) {
                return;
            }
            MembersBehind behind = channel.publish(message, payloadBytes);
            if (behind == LiveChannel.VANISHED) {
                continue;
            }
            if (behind != null) {
                PublisherHold.slowDown(behind);
            }
            return;
        }
    }
}
