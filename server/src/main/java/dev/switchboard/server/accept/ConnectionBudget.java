package dev.switchboard.server.accept;

import java.util.Optional;

import dev.switchboard.server.config.StartupException;

/**
 * How many TCP connections the server holds at once: few enough that accepting one more never fails for want of a
 * file descriptor. Helidon's listener ends for good when accept() fails (4.5.0 treats any error but a closed socket
 * as the end of the listener), so the budget is what keeps it alive.
 *
 * <p>The reserve below the limit holds what the process has open when the budget is set (jars, protocol jars, logs,
 * the JDK's own), {@value #HEADROOM} more for what opens later (the listening socket, a static file being served,
 * files a protocol opens), and a twentieth of the limit on top, so that a large limit keeps a proportionate margin.
 *
 * @param maxConnections the most connections open at once
 * @param description    the line logged at start, e.g. {@code fd limit 1024: at most 869 connections}
 * @param warning        why a configured {@code max-connections} was lowered, if it was
 */
public record ConnectionBudget(int maxConnections, String description, Optional<String> warning) {

    /** File descriptors kept free beyond those open at start. */
    static final int HEADROOM = 64;

    private static final String KEY = "switchboard.max-connections";

    /**
     * The budget for a configured {@code max-connections} within the process's file descriptors.
     *
     * @param configured      {@code switchboard.max-connections}; 0: as many as the fd limit allows
     * @param fileDescriptors the process's limit and use, if known
     * @return the budget
     * @throws StartupException if the limit leaves no room for a single connection
     */
    public static ConnectionBudget of(int configured, Optional<FileDescriptors> fileDescriptors) {
        if (fileDescriptors.isEmpty()) {
            return configured == 0
                    ? new ConnectionBudget(Integer.MAX_VALUE, "fd limit unknown: connections are not bounded; set "
                            + KEY + " to bound them", Optional.empty())
                    : new ConnectionBudget(configured, "fd limit unknown: at most " + configured + " connections ("
                            + KEY + ")", Optional.empty());
        }
        long limit = fileDescriptors.get().limit();
        long reserve = fileDescriptors.get().open() + HEADROOM + limit / 20;
        long allowed = Math.min(Integer.MAX_VALUE, limit - reserve);
        if (allowed < 1) {
            throw new StartupException("fd limit " + limit + " leaves no room for connections: the server holds "
                    + fileDescriptors.get().open() + " files already and keeps " + reserve
                    + " in reserve; raise the limit (ulimit -n, or LimitNOFILE in a systemd unit)");
        }
        String prefix = "fd limit " + limit + ": at most ";
        if (configured == 0) {
            return new ConnectionBudget((int) allowed, prefix + allowed + " connections", Optional.empty());
        }
        if (configured <= allowed) {
            return new ConnectionBudget(configured, prefix + configured + " connections (" + KEY + ")",
                                        Optional.empty());
        }
        return new ConnectionBudget((int) allowed, prefix + allowed + " connections",
                                    Optional.of(KEY + ": " + configured + " is more than fd limit " + limit
                                            + " allows; lowered to " + allowed + " (raise the limit with ulimit -n,"
                                            + " or LimitNOFILE in a systemd unit, to hold more)"));
    }
}
