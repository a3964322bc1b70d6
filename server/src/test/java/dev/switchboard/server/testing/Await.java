package dev.switchboard.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a condition that other processes or threads make true, bounded: polled every 20 ms, a failure once the
 * bound has passed.
 */
public final class Await {

    private Await() {
    }

    /**
     * Returns once the condition holds.
     *
     * @param what      the condition in words, for the failure message
     * @param within    how long it may take
     * @param condition the condition
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if it does not hold within the bound
     */
    public static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
