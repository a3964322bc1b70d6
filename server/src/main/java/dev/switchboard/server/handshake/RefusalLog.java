package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The log lines of refused handshakes an operator should hear of (a refused origin): up to a burst of lines at once,
 * then one per interval. A hostile page can have its visitors' browsers open sockets by the thousand, and a line
 * each would flood the log; the metrics still count every refusal. The line that empties the allowance says so, and
 * the next line written says how many refusals went unlogged in between. Connections refused or closed before their
 * request (see {@code dev.switchboard.server.accept}) are paced the same way.
 *
 * <p>Any other event a client can repeat at will (a handler call that stalls) is logged through one of these too,
 * named by its own noun and counter.
 */
public final class RefusalLog {

    private final System.Logger logger;
    private final System.Logger.Level level;
    private final String plural;
    private final String singular;
    private final int burst;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final String pace;
    // Guarded by this: refusals are rare, and under a flood the lock costs far less than the handshake.
    private double allowance;
    private long lastNanos;
    private long unlogged;

    /**
     * Creates the log of refused handshakes, which {@code switchboard_handshakes_refused_total} counts.
     *
     * @param logger   where the lines go, at INFO
     * @param burst    lines written at once before the pace applies
     * @param interval one more line allowed per interval
     * @param nanoTime the clock, {@link System#nanoTime()} but in tests
     */
    RefusalLog(System.Logger logger, int burst, Duration interval, LongSupplier nanoTime) {
        this(logger, System.Logger.Level.INFO, burst, interval, nanoTime, "refusal", "refusals",
             "switchboard_handshakes_refused_total counts them all");
    }

    /**
     * Creates a log of other events a client can repeat.
     *
     * @param logger   where the lines go
     * @param level    their level
     * @param burst    lines written at once before the pace applies
     * @param interval one more line allowed per interval
     * @param nanoTime the clock, {@link System#nanoTime()} but in tests
     * @param singular the event's noun, for the count of unlogged ones ({@code stall})
     * @param plural   the noun in the plural ({@code stalls})
     * @param tally    where every event is seen, logged or not ({@code switchboard_handler_stalls_total counts them
     *                 all})
     */
    public RefusalLog(System.Logger logger,
                      System.Logger.Level level,
                      int burst,
                      Duration interval,
                      LongSupplier nanoTime,
                      String singular,
                      String plural,
                      String tally) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst must be >= 1 and interval > 0: " + burst + ", " + interval);
        }
        this.logger = logger;
        this.level = level;
        this.singular = singular;
        this.plural = plural;
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.pace = "; further " + plural + " are logged at most once every " + interval.toMillis() + " ms, "
                + tally;
        this.allowance = burst;
        this.lastNanos = nanoTime.getAsLong();
    }

    /**
     * Logs a refusal (or another event), or counts it as unlogged when the allowance is spent.
     *
     * @param line the refusal's line
     */
    public void refused(String line) {
        String text;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            allowance = Math.min(burst, allowance + (double) Math.max(0, now - lastNanos) / intervalNanos);
            lastNanos = now;
            if (allowance < 1) {
                unlogged++;
                return;
            }
            allowance--;
            text = line;
            if (unlogged > 0) {
                text += " (" + unlogged + " " + (unlogged == 1 ? singular : plural)
                        + " since the last line not logged)";
                unlogged = 0;
            }
            if (allowance < 1) {
                text += pace;
            }
        }
        logger.log(level, text);
    }
}
