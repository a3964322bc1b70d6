package dev.switchboard.server.logging;

/**
 * A log line a client (or a plugin a client drives) can repeat at will, written at the pace of a
 * {@link LogThrottle}: stalled handler calls, connections refused or timed out before their request, handler threads
 * the OS would not start.
 */
public final class ThrottledLog {

    private final System.Logger logger;
    private final System.Logger.Level level;
    private final LogThrottle throttle;

    /**
     * Creates the log.
     *
     * @param logger   where the lines go
     * @param level    their level
     * @param throttle their pace
     */
    public ThrottledLog(System.Logger logger, System.Logger.Level level, LogThrottle throttle) {
        this.logger = logger;
        this.level = level;
        this.throttle = throttle;
    }

    /**
     * Logs a line, or counts it as left out when the pace allows none.
     *
     * @param line the line
     */
    public void log(String line) {
        throttle.admit(line).ifPresent(text -> logger.log(level, text));
    }
}
