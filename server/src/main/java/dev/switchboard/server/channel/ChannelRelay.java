package dev.switchboard.server.channel;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.switchboard.api.ChannelBacklog;

/**
 * How the messages of {@link ClusterChannels} travel: through a store every node shares, which gives each channel's
 * messages their one order and keeps the backlog. The Redis implementation is in {@code dev.switchboard.server.cluster}.
 *
 * <p>Every method returns at once; the stages complete on the relay's threads, which must not be blocked.
 */
public interface ChannelRelay {

    /**
     * Starts receiving a channel's messages on this node, in the channel's order, on one thread at a time.
     *
     * @param protocol the protocol
     * @param channel  the channel's name
     * @param receiver what to do with each message; runs on the relay's thread, must not block
     * @return completes once messages published from now on will reach the receiver
     */
    CompletionStage<Void> subscribe(String protocol, String channel, Consumer<RelayedMessage> receiver);

    /**
     * Stops receiving a channel's messages on this node.
     *
     * @param protocol the protocol
     * @param channel  the channel's name
     */
    void unsubscribe(String protocol, String channel);

    /**
     * Gives a message its place in the channel's order, keeps it in the backlog if the channel keeps one, and sends it
     * to every subscribed node.
     *
     * @param protocol the protocol
     * @param channel  the channel's name
     * @param bounds   the channel's backlog bounds as this node's members joined it, or {@code null} when this node has
     *                 none: the relay restores them (and notes this node's members) should it have lost them, as a
     *                 Redis that restarted empty has
     * @param binary   whether the payload is binary rather than UTF-8 text
     * @param payload  the payload, not modified afterwards
     * @return the message's sequence number in the channel; fails at once while the relay is disconnected
     */
    CompletionStage<Long> publish(String protocol, String channel, ChannelBacklog bounds, boolean binary,
                                  byte[] payload);

    /**
     * Notes that this node has members in the channel, fixes the channel's backlog bounds if it had none, and reads
     * the backlog with the sequence number of the latest message.
     *
     * @param protocol the protocol
     * @param channel  the channel's name
     * @param backlog  the bounds, if this join brings the channel into being
     * @return the backlog, oldest first, the latest sequence number and the channel's backlog bounds
     */
    CompletionStage<JoinView> join(String protocol, String channel, ChannelBacklog backlog);

    /**
     * Notes that this node's last member left the channel: once no node has members, the channel vanishes, backlog
     * included.
     *
     * @param protocol the protocol
     * @param channel  the channel's name
     */
    void leave(String protocol, String channel);

    /**
     * The relay's connection epoch now: it changes when the relay reconnects (see {@link RelayedMessage#epoch()}).
     *
     * @return the epoch
     */
    long epoch();

    /**
     * Counts messages queued to members of this node.
     *
     * @param messages how many
     */
    void delivered(int messages);

    /**
     * A message as it comes back from the relay.
     *
     * @param epoch   the relay's connection epoch: it changes when the relay reconnects, after which sequence numbers
     *                may start again (a store that restarted empty)
     * @param seq     the message's place in the channel's order
     * @param binary  whether the payload is binary
     * @param payload the payload
     */
    record RelayedMessage(long epoch, long seq, boolean binary, byte[] payload) {
    }

    /**
     * What a joiner reads.
     *
     * @param epoch   the relay's connection epoch when it was read
     * @param seq     the sequence number of the channel's latest message, 0 if none
     * @param backlog the backlog, oldest first
     * @param bounds  the channel's backlog bounds, fixed by the join that brought it into being
     */
    record JoinView(long epoch, long seq, List<RelayedMessage> backlog, ChannelBacklog bounds) {
    }
}
