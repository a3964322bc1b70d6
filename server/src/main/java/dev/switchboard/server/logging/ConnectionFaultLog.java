package dev.switchboard.server.logging;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Helidon's lines about single connections: a request cut off before its headers ended, a client gone while its
 * answer was being written, a handler that failed after the status went out. Helidon writes each at WARNING with a
 * full stack trace, about 1.2 KB for what one client did, so one client closing half-sent requests could write
 * megabytes a second. Installed as the filter of those loggers, this lets their lines through at the pace of one
 * {@link LogThrottle} for all of them, each folded into one line with its cause; the stack trace stays only while
 * the user has set that logger to {@code FINE} or finer, to debug it.
 */
public final class ConnectionFaultLog implements Filter {

    /** Helidon 4.5's loggers whose lines a client can trigger, named after the classes that write them. */
    static final List<String> LOGGER_NAMES = List.of(
            "io.helidon.webserver.ConnectionHandler",
            "io.helidon.webserver.http1.Http1Connection",
            "io.helidon.webserver.http1.Http1ServerResponse",
            "io.helidon.webserver.http.ErrorHandlers",
            "io.helidon.webserver.http.DirectHandlers",
            "io.helidon.webserver.http.HttpRoutingImpl");
    // What Helidon's reader throws when the socket ends before the request line and headers do.
    private static final String CUT_OFF = "io.helidon.common.buffers.DataReader$InsufficientDataAvailableException";
    private static final int BURST = 10;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final LogThrottle throttle = new LogThrottle(BURST, INTERVAL, System::nanoTime, "connection fault", "");
    private final SimpleFormatter formatter = new SimpleFormatter();
    // Held strongly: java.util.logging forgets loggers nobody references, and their filter with them.
    private final List<Logger> loggers;

    private ConnectionFaultLog(List<Logger> loggers) {
        this.loggers = loggers;
    }

    /**
     * Puts Helidon's per-connection lines under the throttle, until {@link #uninstall()}.
     *
     * @return the installed filter
     */
    public static ConnectionFaultLog install() {
        ConnectionFaultLog log = new ConnectionFaultLog(LOGGER_NAMES.stream().map(Logger::getLogger).toList());
        log.loggers.forEach(logger -> logger.setFilter(log));
        return log;
    }

    /**
     * Gives Helidon's loggers back their own behaviour, unless another filter has replaced this one since.
     */
    public void uninstall() {
        for (Logger logger : loggers) {
            if (logger.getFilter() == this) {
                logger.setFilter(null);
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() < Level.INFO.intValue()) {
            // Debug output the user turned on.
            return true;
        }
        Optional<String> line = throttle.admit(oneLine(record));
        if (line.isEmpty()) {
            return false;
        }
        record.setMessage(line.get());
        record.setParameters(null);
        record.setResourceBundle(null);
        if (!Logger.getLogger(record.getLoggerName()).isLoggable(Level.FINE)) {
            record.setThrown(null);
        }
        return true;
    }

    private String oneLine(LogRecord record) {
        String message = formatter.formatMessage(record);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            Throwable cause = thrown;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            message += ": " + thrown + (cause == thrown ? "" : " (caused by " + cause + ")");
            if (cause.getClass().getName().equals(CUT_OFF)) {
                // Helidon calls it an internal error; it is a client that closed in the middle of its request.
                message = "A client closed its connection before its request was complete (" + message + ")";
            }
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
