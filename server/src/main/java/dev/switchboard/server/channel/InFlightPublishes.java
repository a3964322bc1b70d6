package dev.switchboard.server.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds a protocol's cluster publishes that this node has sent to the relay and not yet seen come back: a publisher
 * whose handler call would go past {@value #MAX} has its next handler call held until they are down to
 * {@value #RESUME}.
 *
 * <p>Why: on one node a publish queues to the members before it returns, so a member that falls behind shows at
 * once and slows the publisher ({@link PublisherHold}). In a cluster the members get the message only once it has come
 * back from Redis, so a publisher that publishes without pause could have thousands of messages on their way before
 * any member looks behind, and those would overflow the members' queues. Holding the publisher at a few dozen
 * messages on their way keeps the members' view of "behind" close to the truth; the rest is {@link PublisherHold}'s,
 * as on one node. Publishes from timers and other threads cannot be held, as on one node.
 */
final class InFlightPublishes {

    /** The most publishes on their way before a handler-call publisher is held. */
    static final int MAX = 64;
    /** Held publishers go on once no more than this many are on their way. */
    static final int RESUME = 16;

    // Guarded by this.
    private int inFlight;
    private final List<ChannelMember> held = new ArrayList<>();

    /** Counts a publish sent; holds the publishing session's calls if it went past {@link #MAX}. */
    void sent() {
        ChannelMember publisher = null;
        if (Thread.currentThread() instanceof HandlerCallThread thread) {
            publisher = thread.callingSession();
        }
        boolean hold;
        synchronized (this) {
            inFlight++;
            // A call that publishes in a loop is held once: its session's next call waits, not this one.
            hold = publisher != null && inFlight > MAX && !held.contains(publisher);
            if (hold) {
                held.add(publisher);
            }
        }
        if (hold) {
            publisher.holdCalls();
        }
    }

    /** Counts a publish that came back, or failed; releases the held publishers once few are left on their way. */
    void done() {
        List<ChannelMember> release = null;
        synchronized (this) {
            inFlight--;
            if (inFlight <= RESUME && !held.isEmpty()) {
                release = new ArrayList<>(held);
                held.clear();
            }
        }
        if (release != null) {
            release.forEach(ChannelMember::releaseCalls);
        }
    }
}
