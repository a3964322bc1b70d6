/**
 * Protocols' named channels ({@link dev.switchboard.api.Channels}): members, one order per channel, backlogs for late
 * joiners, and publisher backpressure, on this node alone ({@link dev.switchboard.server.channel.LocalChannels}) or
 * across a cluster ({@link dev.switchboard.server.channel.ClusterChannels}, whose messages travel through a
 * {@link dev.switchboard.server.channel.ChannelRelay}).
 *
 * <p>Read: {@link dev.switchboard.server.channel.LocalChannels} (names, joining, leaving, publishing),
 * {@link dev.switchboard.server.channel.LiveChannel} (one channel and its lock),
 * {@link dev.switchboard.server.channel.ChannelHistory} (the backlog),
 * {@link dev.switchboard.server.channel.PublisherHold} (slowing a publisher whose members fall behind); for a cluster
 * {@link dev.switchboard.server.channel.ClusterChannels} (the rules across nodes),
 * {@link dev.switchboard.server.channel.ClusterChannel} (joining without gap or duplicate) and
 * {@link dev.switchboard.server.channel.InFlightPublishes}; and the two
 * contracts the connection layer fulfils: {@link dev.switchboard.server.channel.ChannelMember} and
 * {@link dev.switchboard.server.channel.HandlerCallThread}.
 */
package dev.switchboard.server.channel;
