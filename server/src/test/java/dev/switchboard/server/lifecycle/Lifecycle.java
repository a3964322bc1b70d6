package dev.switchboard.server.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.TestServer;

/**
 * What the lifecycle tests share: protocols directories, the test plugins, and the session counts of
 * {@code GET /protocols}.
 */
final class Lifecycle {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Lifecycle() {
    }

    /**
     * Writes the {@code counter} protocol's jar. It counts its sessions' opens and closes, records the status of
     * every {@code onClose} call and notes a second call for one session as a duplicate. Its clients may send:
     * <ul>
     *     <li>{@code stats}: answered with {@link Stats} text;</li>
     *     <li>{@code id}: answered with {@code "id <session id>"};</li>
     *     <li>{@code close}: the plugin closes the session with 4001 "closed by plugin";</li>
     *     <li>{@code throw}: the handler throws;</li>
     *     <li>anything else comes back.</li>
     * </ul>
     * With the option {@code log-file} it also appends {@code open <id>}, {@code close <id> <code> <reason>} and,
     * from {@code Protocol.stop()}, {@code stop} lines to that file, which outlive the server. With the option
     * {@code close-delay} (a duration) every {@code onClose} takes that long, interrupted or not, before it
     * records the close.
     *
     * @param dir the protocols directory
     */
    static void writeCounterPlugin(Path dir) {
        PluginJarBuilder.jar("counter.jar")
                .source("test.counter.Factory", """
                        package test.counter;

                        import dev.switchboard.api.*;
                        import java.io.IOException;
                        import java.io.UncheckedIOException;
                        import java.nio.file.*;
                        import java.util.*;
                        import java.util.concurrent.*;
                        import java.util.concurrent.atomic.*;

                        public class Factory implements ProtocolFactory {
                            @Override
                            public String name() {
                                return "counter";
                            }

                            @Override
                            public String version() {
                                return "1.0.0";
                            }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                return new Counter(context.config().string("log-file").map(Path::of),
                                                   context.config().duration("close-delay",
                                                                             java.time.Duration.ZERO));
                            }
                        }

                        final class Counter implements Protocol {
                            private final AtomicInteger opened = new AtomicInteger();
                            private final AtomicInteger closed = new AtomicInteger();
                            private final AtomicInteger duplicates = new AtomicInteger();
                            private final Set<String> open = ConcurrentHashMap.newKeySet();
                            private final List<String> closes = new CopyOnWriteArrayList<>();
                            private final Optional<Path> logFile;
                            private final java.time.Duration closeDelay;

                            Counter(Optional<Path> logFile, java.time.Duration closeDelay) {
                                this.logFile = logFile;
                                this.closeDelay = closeDelay;
                            }

                            @Override
                            public MessageHandler open(Session session) {
                                String id = session.id().replaceAll("\\\\s", "_");
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
                                            java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
                                        }
                                        if (calls.incrementAndGet() > 1) {
                                            duplicates.incrementAndGet();
                                        }
                                        closed.incrementAndGet();
                                        open.remove(id);
                                        String record = id + " " + status.code() + " "
                                                + status.reason().replaceAll("\\\\s", " ");
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
                                        .append("opened ").append(opened.get()).append('\\n')
                                        .append("closed ").append(closed.get()).append('\\n')
                                        .append("duplicates ").append(duplicates.get()).append('\\n')
                                        .append("open ").append(String.join(",", open)).append('\\n');
                                for (String record : closes) {
                                    text.append("close ").append(record).append('\\n');
                                }
                                return text.toString();
                            }

                            private synchronized void log(String line) {
                                if (logFile.isEmpty()) {
                                    return;
                                }
                                try {
                                    Files.writeString(logFile.get(), line + "\\n", StandardOpenOption.CREATE,
                                                      StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        }
                        """)
                .provider("test.counter.Factory")
                .writeTo(dir);
    }

    /**
     * Writes the {@code flood} protocol's jar: every {@code period} (option, default 5ms) one timer broadcasts a
     * binary message of {@code size} bytes (option, default 64 KiB) to every session of the protocol.
     *
     * @param dir the protocols directory
     */
    static void writeFloodPlugin(Path dir) {
        PluginJarBuilder.jar("flood.jar")
                .source("test.flood.Factory", """
                        package test.flood;

                        import dev.switchboard.api.*;
                        import java.nio.ByteBuffer;
                        import java.time.Duration;

                        public class Factory implements ProtocolFactory {
                            @Override
                            public String name() {
                                return "flood";
                            }

                            @Override
                            public String version() {
                                return "1.0.0";
                            }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                Duration period = context.config().duration("period", Duration.ofMillis(5));
                                byte[] message = new byte[context.config().integer("size", 64 * 1024)];
                                for (int i = 0; i < message.length; i++) {
                                    message[i] = (byte) i;
                                }
                                ScheduledTask timer = context.scheduleAtFixedRate(
                                        () -> context.broadcast(context.sessions(), ByteBuffer.wrap(message)),
                                        period, period);
                                return new Protocol() {
                                    @Override
                                    public MessageHandler open(Session session) {
                                        return new MessageHandler() {
                                        };
                                    }

                                    @Override
                                    public void stop() {
                                        timer.cancel();
                                    }
                                };
                            }
                        }
                        """)
                .provider("test.flood.Factory")
                .writeTo(dir);
    }

    /**
     * Writes the {@code sleepy} protocol's jar. Its handler echoes text, except:
     * <ul>
     *     <li>{@code block}: blocks forever, waking only to be interrupted;</li>
     *     <li>{@code block-hard}: blocks forever and ignores interrupts;</li>
     *     <li>{@code block-on-close}: echoes, and its {@code onClose} later blocks forever, ignoring interrupts.</li>
     * </ul>
     *
     * @param dir the protocols directory
     */
    static void writeSleepyPlugin(Path dir) {
        PluginJarBuilder.jar("sleepy.jar")
                .source("test.sleepy.Factory", """
                        package test.sleepy;

                        import dev.switchboard.api.*;
                        import java.util.concurrent.CountDownLatch;

                        public class Factory implements ProtocolFactory {
                            @Override
                            public String name() {
                                return "sleepy";
                            }

                            @Override
                            public String version() {
                                return "1.0.0";
                            }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                return session -> new MessageHandler() {
                                    private volatile boolean blockOnClose;

                                    @Override
                                    public void onText(String text) {
                                        switch (text) {
                                            case "block" -> {
                                                session.send("blocking");
                                                try {
                                                    new CountDownLatch(1).await();
                                                } catch (InterruptedException e) {
                                                    Thread.currentThread().interrupt();
                                                }
                                            }
                                            case "block-hard" -> {
                                                session.send("blocking");
                                                blockForever();
                                            }
                                            case "block-on-close" -> {
                                                blockOnClose = true;
                                                session.send("will block on close");
                                            }
                                            default -> session.send(text);
                                        }
                                    }

                                    @Override
                                    public void onClose(CloseStatus status) {
                                        if (blockOnClose) {
                                            blockForever();
                                        }
                                    }
                                };
                            }

                            static void blockForever() {
                                CountDownLatch never = new CountDownLatch(1);
                                while (true) {
                                    try {
                                        never.await();
                                    } catch (InterruptedException ignored) {
                                        // Blocks on regardless.
                                    }
                                }
                            }
                        }
                        """)
                .provider("test.sleepy.Factory")
                .writeTo(dir);
    }

    /**
     * Stops a server, failing if {@code stop()} does not return within {@code bound}: it runs on a daemon thread of
     * its own, which is left behind if it hangs, so a server that cannot stop does not hang the test run.
     *
     * @param server the server, or null for none
     * @param bound  how long stop() may take
     * @return how long it took
     * @throws AssertionError with the stuck thread's stack if it takes longer
     */
    static Duration stopWithin(TestServer server, Duration bound) throws InterruptedException {
        if (server == null) {
            return Duration.ZERO;
        }
        long started = System.nanoTime();
        Thread stopper = Thread.ofPlatform().daemon().name("stop-" + server.port()).start(server::close);
        stopper.join(bound);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (stopper.isAlive()) {
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : stopper.getStackTrace()) {
                stack.append("\n\tat ").append(frame);
            }
            throw new AssertionError("Switchboard.stop() did not return within " + bound + "; it is at:" + stack);
        }
        return took;
    }

    /**
     * The open sessions {@code GET /protocols} shows for a protocol.
     *
     * @param server   the server
     * @param protocol the protocol name
     * @return its {@code sessions} count
     * @throws Exception on failure, or if the list has no count for the protocol
     */
    static int sessions(TestServer server, String protocol) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.http("/protocols"))
                                                          .timeout(Duration.ofSeconds(10)).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /protocols answered " + response.statusCode() + ": " + response.body());
        }
        Matcher entry = Pattern.compile("\\{\"name\":\"" + Pattern.quote(protocol) + "\"[^{}]*?\"sessions\":(\\d+)")
                .matcher(response.body());
        if (!entry.find()) {
            throw new AssertionError("no session count for " + protocol + " in " + response.body());
        }
        return Integer.parseInt(entry.group(1));
    }

    /**
     * Polls the session count of a protocol until it is {@code expected} or {@code wait} has passed.
     *
     * @return the last count seen
     */
    static int sessionsOnceSettled(TestServer server, String protocol, int expected, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        int sessions = sessions(server, protocol);
        while (sessions != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            sessions = sessions(server, protocol);
        }
        return sessions;
    }

    /**
     * What the {@code counter} protocol answers to {@code stats}.
     *
     * @param opened     sessions opened
     * @param closed     onClose calls
     * @param duplicates onClose calls for a session that had had one
     * @param open       ids of the sessions opened and not closed
     * @param closes     one {@code "<id> <code> <reason>"} per onClose call, in order
     */
    record Stats(int opened, int closed, int duplicates, List<String> open, List<String> closes) {

        static Stats parse(String text) {
            int opened = -1;
            int closed = -1;
            int duplicates = -1;
            List<String> open = List.of();
            List<String> closes = new ArrayList<>();
            for (String line : text.split("\n")) {
                int space = line.indexOf(' ');
                String key = space < 0 ? line : line.substring(0, space);
                String value = space < 0 ? "" : line.substring(space + 1);
                switch (key) {
                    case "opened" -> opened = Integer.parseInt(value);
                    case "closed" -> closed = Integer.parseInt(value);
                    case "duplicates" -> duplicates = Integer.parseInt(value);
                    case "open" -> open = value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
                    case "close" -> closes.add(value);
                    default -> throw new AssertionError("unexpected stats line '" + line + "' in " + text);
                }
            }
            return new Stats(opened, closed, duplicates, List.copyOf(open), List.copyOf(closes));
        }

        /**
         * The close codes recorded for a session.
         *
         * @param id the session id
         * @return one code per onClose call for it
         */
        List<Integer> codesOf(String id) {
            return closes.stream().filter(record -> record.startsWith(id + " "))
                    .map(record -> Integer.parseInt(record.split(" ", 3)[1])).toList();
        }
    }
}
