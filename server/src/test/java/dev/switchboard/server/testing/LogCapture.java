package dev.switchboard.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger of the server (running in the test's JVM) writes while the capture is open: the server's
 * {@link System.Logger}s are backed by {@code java.util.logging}.
 */
public final class LogCapture implements AutoCloseable {

    // Held strongly: java.util.logging forgets loggers nobody references, and the handler with them.
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /**
     * Starts capturing a logger.
     *
     * @param name the logger's name, e.g. {@code switchboard.protocol.echo}
     * @return the capture
     */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /**
     * Waits, at most {@link TestClient#TIMEOUT}, for a record at a level whose message matches.
     *
     * @param level   the level
     * @param matches what the message must satisfy
     * @return the message
     * @throws AssertionError if no such record comes in time
     */
    public String await(Level level, Predicate<String> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            for (LogRecord record : records) {
                if (record.getLevel().equals(level) && matches.test(record.getMessage())) {
                    return record.getMessage();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + level + " record as expected within " + TestClient.TIMEOUT
                                                 + " in " + messages());
            }
            Thread.sleep(10);
        }
    }

    /**
     * The messages captured so far.
     *
     * @return level and message of each record
     */
    public List<String> messages() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
