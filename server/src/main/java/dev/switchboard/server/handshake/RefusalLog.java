package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.function.LongSupplier;

import dev.switchboard.server.logging.LogThrottle;

/**
 * The log lines of refused handshakes an operator should hear of (a refused origin), at the pace of a
 * {@link LogThrottle}: a hostile page can have its visitors' browsers open sockets by the thousand, and a line each
 * would flood the log; the metrics still count every refusal.
 */
final class RefusalLog {

    private final System.Logger logger;
    private final LogThrottle throttle;

    /**
     * Creates the log.
     *
     * @param logger   where the lines go, at INFO
     * @param burst    lines written at once before the pace applies
     * @param interval one more line allowed per interval
     * @param nanoTime the clock, {@link System#nanoTime()} but in tests
     */
    RefusalLog(System.Logger logger, int burst, Duration interval, LongSupplier nanoTime) {
        this.logger = logger;
        this.throttle = new LogThrottle(burst, interval, nanoTime, "refusal",
                                        "switchboard_handshakes_refused_total counts them all");
    }

    /**
     * Logs a refusal, or counts it as unlogged when the allowance is spent.
     *
     * @param line the refusal's line
     */
    void refused(String line) {
        throttle.admit(line).ifPresent(text -> logger.log(System.Logger.Level.INFO, text));
    }
}
