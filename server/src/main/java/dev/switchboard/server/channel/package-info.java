/**
 * Protocols' named channels on this node ({@link dev.switchboard.server.channel.LocalChannels}, the engine behind
 * {@link dev.switchboard.api.Channels}): members, one order per channel, backlogs for late joiners, and publisher
 * backpressure.
 *
 * <p>Read: {@link dev.switchboard.server.channel.LocalChannels} (names, joining, leaving, publishing),
 * {@link dev.switchboard.server.channel.LiveChannel} (one channel and its lock),
 * {@link dev.switchboard.server.channel.ChannelHistory} (the backlog),
 * {@link dev.switchboard.server.channel.PublisherHold} (slowing a publisher whose members fall behind), and the two
 * contracts the connection layer fulfils: {@link dev.switchboard.server.channel.ChannelMember} and
 * {@link dev.switchboard.server.channel.HandlerCallThread}.
 */
package dev.switchboard.server.channel;
