package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session's side of backpressure: its handler's onWritable request, the channel publishers waiting for its send
 * queue to drain, and the time it keeps publishers waiting while at least half of the members kept up, which makes it a
 * slow consumer.
 */
final class Backpressure {

    // The onWritable call: not asked for, asked for and waiting for the drain, or in the inbox. A request made while
    // the call is in the inbox asks for that same call.
    private static final int WRITABLE_IDLE = 0;
    private static final int WRITABLE_REQUESTED = 1;
    private static final int WRITABLE_IN_LINE = 2;

    private final SendQueue queue;
    private final SessionState state;
    private final Runnable writableInLine;
    private final AtomicInteger writable = new AtomicInteger(WRITABLE_IDLE);
    // What channels run once this session's queue has drained (a publisher held back until it has).
    private final Queue<Runnable> drainWaiters = new ConcurrentLinkedQueue<>();
    // The holds that count this session as keeping them waiting.
    private final AtomicInteger holdsKeptWaiting = new AtomicInteger();
    // The supervisor's view: time spent keeping publishers waiting so, less the time spent not, and its last look.
    private long waitingDebtNanos;
    private long lastLookNanos;

    /**
     * Creates the session's backpressure.
     *
     * @param queue          the session's send queue
     * @param state          the session's state: a session that is not open asks for no onWritable
     * @param writableInLine puts the onWritable call in the session's inbox
     */
    Backpressure(SendQueue queue, SessionState state, Runnable writableInLine) {
        this.queue = queue;
        this.state = state;
        this.writableInLine = writableInLine;
    }

    /** Asks for one onWritable call once the send queue has drained, unless the session is going. */
    void requestWritable() {
        if (state.isOpen() && writable.compareAndSet(WRITABLE_IDLE, WRITABLE_REQUESTED)) {
            queue.watchDrain();
        }
    }

    /** The onWritable call is being made: a request made by the call itself asks for a new one. */
    void writableCalled() {
        writable.set(WRITABLE_IDLE);
    }

    /**
     * Runs an action once the send queue has drained, or at once if the session is going.
     *
     * @param action what a channel runs then
     */
    void whenDrained(Runnable action) {
        drainWaiters.add(action);
        if (state.isOpen()) {
            queue.watchDrain();
        } else {
            // Closing: nobody waits for a session that is going; the close may have released the others already.
            releaseDrainWaiters();
        }
    }

    /**
     * The send queue has drained to its low-water mark after someone asked: the handler's onWritable goes in line,
     * and whoever waited for the drain goes on.
     */
    void queueDrained() {
        if (state.isOpen() && writable.compareAndSet(WRITABLE_REQUESTED, WRITABLE_IN_LINE)) {
            writableInLine.run();
        }
        releaseDrainWaiters();
    }

    /**
     * A held channel publisher starts or stops counting this session as keeping it waiting: the last member left to
     * drain, or one of at most half of the members.
     *
     * @param waiting whether it starts
     */
    void keepsPublisherWaiting(boolean waiting) {
        holdsKeptWaiting.addAndGet(waiting ? 1 : -1);
    }

    /**
     * Called on the supervisor's tick: whether this session has kept channel publishers waiting, at least half of the
     * members having drained, for longer than the timeout in all, less the time it did not. A member that all wait for
     * now and then (a busy server) pays its debt back; one that sets the channel's pace runs it up. Only the
     * supervisor calls it.
     *
     * @param now     {@link System#nanoTime()}
     * @param timeout the most debt, the send timeout
     * @return {@code true} when the session holds others back: a slow consumer
     */
    boolean keepsOthersWaiting(long now, Duration timeout) {
        long elapsed = lastLookNanos == 0 ? 0 : now - lastLookNanos;
        lastLookNanos = now;
        waitingDebtNanos = holdsKeptWaiting.get() > 0
                ? waitingDebtNanos + elapsed
                : Math.max(0, waitingDebtNanos - elapsed);
        return waitingDebtNanos > timeout.toNanos();
    }

    /** Lets every waiting publisher go on: the queue drained, or the session is going. */
    void releaseDrainWaiters() {
        Runnable waiter;
        while ((waiter = drainWaiters.poll()) != null) {
            waiter.run();
        }
    }
}
