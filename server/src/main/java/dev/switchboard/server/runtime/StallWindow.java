package dev.switchboard.server.runtime;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether a protocol's handlers keep stalling: {@link #STALLS} stalls within {@link #WINDOW}. One stall is a slow
 * call or a slow client; several within a minute are the protocol, and health names it until a minute passes with
 * fewer.
 */
final class StallWindow {

    /** Stalls that make a protocol degraded when they fall within {@link #WINDOW}. */
    static final int STALLS = 3;
    /** The window. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final LongSupplier nanoTime;
    // Guarded by this: the times of the latest STALLS stalls, a ring; 0 for none yet.
    private final long[] latest = new long[STALLS];
    private int next;

    /**
     * Creates the window.
     *
     * @param nanoTime the clock, {@link System#nanoTime()} but in tests
     */
    StallWindow(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Notes a stall, now. */
    synchronized void stalled() {
        // Never 0, which marks an empty slot.
        latest[next] = nanoTime.getAsLong() | 1;
        next = (next + 1) % STALLS;
    }

    /**
     * Whether the latest {@link #STALLS} stalls all fall within the last {@link #WINDOW}.
     *
     * @return {@code true} while the protocol counts as degraded
     */
    synchronized boolean keepsStalling() {
        // The oldest of the ring is the slot written next.
        long oldest = latest[next];
        return oldest != 0 && nanoTime.getAsLong() - oldest <= WINDOW.toNanos();
    }
}
