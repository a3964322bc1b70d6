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
    // Guarded by this: the times of the latest STALLS stalls, a ring, and how many stalls it holds.
    private final long[] latest = new long[STALLS];
    private int next;
    private int recorded;

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
        latest[next] = nanoTime.getAsLong();
        next = (next + 1) % STALLS;
        recorded = Math.min(STALLS, recorded + 1);
    }

    /**
     * Whether the latest {@link #STALLS} stalls all fall within the last {@link #WINDOW}.
     *
     * @return {@code true} while the protocol counts as degraded
     */
    synchronized boolean keepsStalling() {
        // The oldest of the ring is the slot written next.
        return recorded == STALLS && nanoTime.getAsLong() - latest[next] <= WINDOW.toNanos();
    }
}
