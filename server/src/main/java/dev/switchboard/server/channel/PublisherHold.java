package dev.switchboard.server.channel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds back a session that published to members who are behind: its next handler call waits until every one of
 * them has drained to its low-water mark (or closed), so that the server stops reading from its client and TCP pushes
 * back on it. No thread waits: the last member to drain releases the session's calls.
 *
 * <p>Once a single member is left to drain, it is told that it alone keeps a publisher waiting: the others kept up,
 * and a member that does this for long is a slow consumer (see {@link ChannelMember#keepsPublisherWaiting}).
 */
final class PublisherHold {

    private final ChannelMember publisher;
    // Guarded by this.
    private final Set<ChannelMember> pending;
    private boolean started;
    private ChannelMember alone;

    private PublisherHold(ChannelMember publisher, List<ChannelMember> behind) {
        this.publisher = publisher;
        this.pending = new HashSet<>(behind);
    }

    /**
     * Holds the publisher's calls until the members have drained.
     *
     * @param publisher the session whose handler call published
     * @param behind    the members at or above their high-water mark after the publish
     * @return the hold
     */
    static PublisherHold start(ChannelMember publisher, List<ChannelMember> behind) {
        PublisherHold hold = new PublisherHold(publisher, behind);
        publisher.holdCalls();
        for (ChannelMember member : behind) {
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
    // publishes again to members its last hold still waits for adds no hold: one per publish would cost a set and a
    // drain waiter per member behind, for every publish of a call that publishes in a loop.
    static void slowDown(List<ChannelMember> behind) {
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
            update();
        }
    }

    // Called with the lock held.
    private void update() {
        if (!started) {
            return;
        }
        if (pending.isEmpty()) {
            if (alone != null) {
                alone.keepsPublisherWaiting(false);
            }
            publisher.releaseCalls();
        } else if (pending.size() == 1 && alone == null) {
            alone = pending.iterator().next();
            alone.keepsPublisherWaiting(true);
        }
    }
}
