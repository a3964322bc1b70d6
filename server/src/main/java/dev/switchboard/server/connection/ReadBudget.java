package dev.switchboard.server.connection;

import java.time.Duration;

/**
 * How much a connection's reader may read before it lets other virtual threads run.
 *
 * <p>A virtual thread gives up its carrier only when it blocks, and a reader whose socket always has data never
 * blocks: as many flooding clients as there are carriers held every carrier, so every other session, the new
 * connections the accept loop hands over and the HTTP endpoints waited for seconds. After {@value #FRAMES} frames or
 * {@value #BYTES} bytes read without blocking, the reader sleeps for {@link #PAUSE} (its {@link ReadPacer} does).
 * {@link Thread#yield()} does not do: on JDK 25 the yielding thread is queued on the queue its carrier last took a
 * task from, and the carrier's {@code ForkJoinPool.runWorker} keeps taking from that queue while it has tasks, so the
 * reader is back at once and the tasks on other queues (the poller's, the accept loop's) still wait. A sleep of a
 * nanosecond fails the same way, as its wake-up is queued before the carrier looks again. A sleep long enough for the
 * carrier to find its queue empty makes it scan every queue. Measured with {@code FairReadingTest}: with a yield or a
 * 1 ns sleep in place of the pause, a new client still waited more than 10 s for {@code /observe/health}; with the
 * pause, well under a second.
 *
 * <p>A read that blocked starts a new budget, so a client that sends and waits for answers never pauses.
 *
 * <p>Used by the connection's reader thread only.
 */
final class ReadBudget {

    // Small enough that a flooder holds a carrier for well under a millisecond at a time (a 1-byte message costs
    // about a microsecond to read and hand over); large enough that the pauses cost nothing measurable per frame.
    static final int FRAMES = 256;
    static final int BYTES = 256 * 1024;
    // Far longer than the carrier needs to look at its queue again, far shorter than anything a client notices.
    static final Duration PAUSE = Duration.ofNanos(100_000);

    private int frames;
    private int bytes;

    /** The reader gave up its carrier (it blocked for data, or paused): a new budget starts. */
    void restart() {
        frames = 0;
        bytes = 0;
    }

    /**
     * Counts bytes read.
     *
     * @param count bytes read from the socket
     * @return whether the budget is spent: the reader must pause for {@link #PAUSE}
     */
    boolean bytesRead(int count) {
        bytes += count;
        return bytes >= BYTES;
    }

    /**
     * Counts a frame read.
     *
     * @return whether the budget is spent: the reader must pause for {@link #PAUSE}
     */
    boolean frameRead() {
        return ++frames >= FRAMES;
    }
}
