package dev.switchboard.server.channel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.switchboard.server.deflate.OutboundMessage;

/**
 * One channel that has members: the members in joining order, the backlog, and the lock that puts publishes in one
 * order.
 *
 * <p>A publish queues its frame to every member under the lock, so concurrent publishers are put in one order that
 * every member sees. A join sends the backlog and adds the member under the same lock, so the joiner gets the backlog,
 * then every later publish, with nothing missing and nothing twice. The lock is held only while frames are queued:
 * queuing never blocks, and a member that does not read fills its own queue instead of holding up the channel.
 *
 * <p>{@link LocalChannels} brings it into being with its first member and marks it vanished with its last; a publish
 * that finds it vanished looks the name up again.
 */
final class LiveChannel extends ChannelOnNode {

    /** Returned by {@link #publish} when the channel has vanished: the caller looks the name up again. */
    static final MembersBehind VANISHED = new MembersBehind(List.of(), List.of(), 0);

    // Guarded by lock.
    private final Set<ChannelMember> members = new LinkedHashSet<>();
    private final ChannelHistory history;

    LiveChannel(ChannelHistory history) {
        // Fair: publishers take turns, so one that publishes without pause cannot hold back the others; an unfair lock
        // goes back to the thread that just released it nearly every time.
        super(true);
        this.history = history;
    }

    /**
     * Queues a frame to every member and keeps it in the backlog.
     *
     * @param message      the message, each of its frames shared by every member's queue that sends it
     * @param payloadBytes its payload's length
     * @return the members sorted by {@link MembersBehind#of} when one is behind after it, {@code null} when none is,
     *         or {@link #VANISHED} when the channel lost its last member before the publish got its turn
     */
    MembersBehind publish(OutboundMessage message, int payloadBytes) {
        boolean anyBehind = false;
        lock.lock();
        try {
            if (vanished) {
                return VANISHED;
            }
            history.add(message, payloadBytes);
            for (ChannelMember member : members) {
                member.sendMessage(message);
                anyBehind |= member.behind();
            }
            return anyBehind ? MembersBehind.of(members) : null;
        } finally {
            lock.unlock();
        }
    }

    // Sends the backlog to the new member, then adds it.
    @Override
    boolean add(ChannelMember member) {
        lock.lock();
        try {
            if (members.contains(member)) {
                return false;
            }
            history.forEach(member::sendMessage);
            members.add(member);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    Set<ChannelMember> memberSet() {
        return members;
    }

    @Override
    void vanishing() {
        // Nothing waits for a channel of one node: a publish that finds it vanished looks the name up again.
    }
}
