package dev.switchboard.server.logging;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The pace of log lines a client can trigger: up to a burst of lines at once, then one per interval, so that a client
 * that repeats its fault by the thousand cannot flood the log. The line that empties the allowance says so, and the
 * next line let through says how many were left out in between.
 */
public final class LogThrottle {

    private final int burst;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final String what;
    private final String pace;
    // Guarded by this: such lines are rare, and under a flood the lock costs far less than the fault that logs.
    private double allowance;
    private long lastNanos;
    private long unlogged;

    /**
     * Creates the throttle.
     *
     * @param burst     lines let through at once before the pace applies
     * @param interval  one more line allowed per interval
     * @param nanoTime  the clock, {@link System#nanoTime()} but in tests
     * @param what      what a line reports, singular, for the notes ({@code refusal})
     * @param countedBy where the lines left out are still counted, appended to the pace note (may be empty)
     */
    public LogThrottle(int burst, Duration interval, LongSupplier nanoTime, String what, String countedBy) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst must be >= 1 and interval > 0: " + burst + ", " + interval);
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.what = what;
        this.pace = "; further " + what + "s are logged at most once every " + interval.toMillis() + " ms"
                + (countedBy.isEmpty() ? "" : ", " + countedBy);
        this.allowance = burst;
        this.lastNanos = nanoTime.getAsLong();
    }

    /**
     * Lets a line through, with the notes it needs, or counts it as left out when the allowance is spent.
     *
     * @param line the line
     * @return the line to log, or empty when it is left out
     */
    public synchronized Optional<String> admit(String line) {
        long now = nanoTime.getAsLong();
        allowance = Math.min(burst, allowance + (double) Math.max(0, now - lastNanos) / intervalNanos);
        lastNanos = now;
        if (allowance < 1) {
            unlogged++;
            return Optional.empty();
        }
        allowance--;
        String text = line;
        if (unlogged > 0) {
            text += " (" + unlogged + " " + what + (unlogged == 1 ? "" : "s") + " since the last line not logged)";
            unlogged = 0;
        }
        if (allowance < 1) {
            text += pace;
        }
        return Optional.of(text);
    }
}
