package dev.switchboard.server.channel;

import java.util.List;

/**
 * The members of a channel on this node that are behind after a publish, and how many members it has: a few behind
 * among many that kept up are slow consumers, most of them behind a publisher that is too fast.
 *
 * @param members     the members at or above their high-water mark
 * @param memberCount the channel's members on this node, those behind included
 */
record MembersBehind(List<ChannelMember> members, int memberCount) {
}
