package dev.switchboard.server.channel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds back a session that published to members who are behind: its next handler call waits until every member above
 * its low-water mark has drained to it (or closed), so that the server stops reading from its client and TCP pushes
 * back on it. No thread waits: the last member to drain releases the session's calls.
 *
 * <p>While the members left to drain are a single one, or at most half of the channel's members on this node, each
 * is told that it keeps a publisher waiting: the others kept up, and a member that does this for long is a slow
 * consumer (see {@link ChannelMember#keepsPublisherWaiting}). Not only a last one alone: ten members reading at one
 * slow rate drain together, and would otherwise set the pace of the ninety others for as long as they stay
 * (bench/results/2026-12-06-fanout-slow-readers.md). When more than half of the members lag, the publisher is too
 * fast for all, and nobody is counted until enough of them have drained.
 */
final class PublisherHold {

    private final ChannelMember publisher;
    // Guarded by this.
    private final Set<ChannelMember> pending;
    private final int memberCount;
    private boolean started;
    // Set once the members left are few enough to be counted: every one of them is, until it drains.
    private boolean counting;

    private PublisherHold(ChannelMember publisher, MembersBehind members) {
        this.publisher = publisher;
        this.pending = new HashSet<>(members.lagging());
        this.memberCount = members.memberCount();
    }

    /**
     * Holds the publisher's calls until the members that lag have drained.
     *
     * @param publisher the session whose handler call published
     * @param members   the channel's members after the publish, sorted
     * @return the hold
     */
    static PublisherHold start(ChannelMember publisher, MembersBehind members) {
        PublisherHold hold = new PublisherHold(publisher, members);
        publisher.holdCalls();
        for (ChannelMember member : members.lagging()) {
            member.whenDrained(() -> hold.drained(member));
        }
        // Not before every member was asked: one that drained at once must not release the hold early.
        synchronized (hold) {
            hold.started = true;
            hold.update();
        }
        return hold;
    }

    // Only a publish made by a session's handler call can be slowed: the server then stops reading from that
    // session's client. A timer's publish cannot; its members overflow and close as slow consumers instead. A call that
    // publishes again while its last hold still waits for every member behind adds no hold: one per publish would
    // cost a set and a drain waiter per member that lags, for every publish of a call that publishes in a loop. Only
    // those behind are compared: members that keep up cross their low-water marks all the time.
    static void slowDown(MembersBehind members) {
        if (Thread.currentThread() instanceof HandlerCallThread thread) {
            ChannelMember publisher = thread.callingSession();
            if (publisher != null) {
                if (thread.callHold() instanceof PublisherHold last && last.waitsFor(members.behind())) {
                    return;
                }
                thread.callHold(PublisherHold.start(publisher, members));
            }
        }
    }

    /**
     * Whether the publisher's calls are still held for every one of these members: none has drained since.
     *
     * @param behind members behind after a later publish
     * @return {@code true} if this hold already keeps the publisher waiting for all of them
     */
    synchronized boolean waitsFor(List<ChannelMember> behind) {
        return !pending.isEmpty() && pending.containsAll(behind);
    }

    private synchronized void drained(ChannelMember member) {
        if (pending.remove(member)) {
            if (counting) {
                member.keepsPublisherWaiting(false);
            }
            update();
        }
    }

    // Called with the lock held.
    private void update() {
        if (!started) {
            return;
        }
        if (pending.isEmpty()) {
            publisher.releaseCalls();
        } else if (!counting && (pending.size() == 1 || 2 * pending.size() <= memberCount)) {
            counting = true;
            pending.forEach(member -> member.keepsPublisherWaiting(true));
        }
    }
}
