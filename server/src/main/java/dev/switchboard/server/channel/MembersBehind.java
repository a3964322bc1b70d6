package dev.switchboard.server.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A channel's members on this node when a publish takes one of them to its high-water mark (in a cluster, as the
 * publish is sent): those at their high-water mark, who are behind; those above their low-water mark, those included,
 * who lag and whom a held publisher waits for; and how many members there are. Lagging members that are at most half
 * of the members are slow consumers if they stay so; more than half, a publisher too fast for all. Members that read
 * at one slow rate reach their high-water marks in turns, each a little before the others: a hold that waited only for
 * those behind would wait for a different one each time, and none would stand out.
 *
 * @param behind      the members at or above their high-water mark
 * @param lagging     the members above their low-water mark
 * @param memberCount the channel's members on this node
 */
record MembersBehind(List<ChannelMember> behind, List<ChannelMember> lagging, int memberCount) {

    /**
     * Sorts a channel's members.
     *
     * @param members the channel's members on this node
     * @return them, as above
     */
    static MembersBehind of(Collection<ChannelMember> members) {
        List<ChannelMember> behind = new ArrayList<>();
        List<ChannelMember> lagging = new ArrayList<>();
        for (ChannelMember member : members) {
            if (member.aboveLowWater()) {
                lagging.add(member);
                if (member.behind()) {
                    behind.add(member);
                }
            }
        }
        return new MembersBehind(behind, lagging, members.size());
    }
}
