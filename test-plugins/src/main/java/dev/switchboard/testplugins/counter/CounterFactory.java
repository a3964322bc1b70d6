package dev.switchboard.testplugins.counter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code counter}: counts its sessions' opens and closes, records the status of every {@code onClose} call
 * and notes a second call for one session as a duplicate. Its clients may send:
 * <ul>
 *     <li>{@code stats}: answered with {@code opened <n>}, {@code closed <n>}, {@code duplicates <n>},
 *     {@code open <ids>} and one {@code close <id> <code> <reason>} line per onClose call;</li>
 *     <li>{@code id}: answered with {@code id <session id>};</li>
 *     <li>{@code close}: the plugin closes the session with 4001 "closed by plugin";</li>
 *     <li>{@code throw}: the handler throws;</li>
 *     <li>anything else comes back.</li>
 * </ul>
 * With option {@code log-file} it also appends {@code open <id>}, {@code close <id> <code> <reason>} and, from
 * {@code Protocol.stop()}, {@code stop} lines to that file, which outlive the server. With option {@code close-delay}
 * (a duration) every {@code onClose} takes that long, interrupted or not, before it records the close.
 */
public final class CounterFactory extends TestProtocolFactory {

    public CounterFactory() {
        super("counter", context -> {
            return new Counter(context.config().string("log-file").map(Path::of),
                               context.config().duration("close-delay", Duration.ZERO));
        });
    }

    private static final class Counter implements Protocol {

        private final AtomicInteger opened = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final Set<String> open = ConcurrentHashMap.newKeySet();
        private final List<String> closes = new CopyOnWriteArrayList<>();
        private final Optional<Path> logFile;
        private final Duration closeDelay;

        private Counter(Optional<Path> logFile, Duration closeDelay) {
            this.logFile = logFile;
            this.closeDelay = closeDelay;
        }

        @Override
        public MessageHandler open(Session session) {
            String id = session.id().replaceAll("\\s", "_");
            opened.incrementAndGet();
            open.add(id);
            log("open " + id);
            return new MessageHandler() {
                private final AtomicInteger calls = new AtomicInteger();

                @Override
                public void onText(String text) {
                    switch (text) {
                        case "stats" -> session.send(stats());
                        case "id" -> session.send("id " + id);
                        case "close" -> session.close(CloseStatus.of(4001, "closed by plugin"));
                        case "throw" -> throw new IllegalStateException("fails on purpose");
                        default -> session.send(text);
                    }
                }

                @Override
                public void onClose(CloseStatus status) {
                    // Not cut short by the interrupts of a stopping server.
                    long end = System.nanoTime() + closeDelay.toNanos();
                    while (System.nanoTime() < end) {
                        LockSupport.parkNanos(end - System.nanoTime());
                    }
                    if (calls.incrementAndGet() > 1) {
                        duplicates.incrementAndGet();
                    }
                    closed.incrementAndGet();
                    open.remove(id);
                    String record = id + " " + status.code() + " " + status.reason().replaceAll("\\s", " ");
                    closes.add(record);
                    log("close " + record);
                }
            };
        }

        @Override
        public void stop() {
            log("stop");
        }

        private String stats() {
            StringBuilder text = new StringBuilder()
                    .append("opened ").append(opened.get()).append('\n')
                    .append("closed ").append(closed.get()).append('\n')
                    .append("duplicates ").append(duplicates.get()).append('\n')
                    .append("open ").append(String.join(",", open)).append('\n');
            for (String record : closes) {
                text.append("close ").append(record).append('\n');
            }
            return text.toString();
        }

        private synchronized void log(String line) {
            if (logFile.isEmpty()) {
                return;
            }
            try {
                Files.writeString(logFile.get(), line + "\n", StandardOpenOption.CREATE,
                                  StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
