package dev.switchboard.server.listener;

import java.nio.file.Path;

import dev.switchboard.server.testing.PluginJarBuilder;

/**
 * Helidon listeners written as Helidon's documentation and examples write them, for a protocols directory: nothing in
 * them knows of Switchboard.
 */
final class HelidonListeners {

    static final String ECHO = "com.example.echo.EchoService";
    static final String JOURNAL = "com.example.journal.JournalListener";
    static final String GATE = "com.example.gate.GateListener";
    static final String PROBE = "com.example.probe.ProbeListener";

    /** The YAML that names every listener of {@link #jar(Path)}. */
    static final String NAMES = """
              protocols:
                helidon-echo:
                  listener: com.example.echo.EchoService
                journal:
                  listener: com.example.journal.JournalListener
                gate:
                  listener: com.example.gate.GateListener
                probe:
                  listener: com.example.probe.ProbeListener
            """;

    private HelidonListeners() {
    }

    /**
     * The echo listener of Helidon's WebSocket documentation, alone in a jar.
     *
     * @param dir where to write {@code helidon-echo.jar}
     * @return the jar
     */
    static Path echoJar(Path dir) {
        return PluginJarBuilder.jar("helidon-echo.jar")
                .source(ECHO, ECHO_SOURCE)
                .listener(ECHO)
                .writeTo(dir);
    }

    /**
     * One jar with every listener.
     *
     * @param dir where to write {@code helidon-listeners.jar}
     * @return the jar
     */
    static Path jar(Path dir) {
        return PluginJarBuilder.jar("helidon-listeners.jar")
                .source(ECHO, ECHO_SOURCE)
                .source(JOURNAL, JOURNAL_SOURCE)
                .source(GATE, GATE_SOURCE)
                .source(PROBE, PROBE_SOURCE)
                .listener(ECHO)
                .listener(JOURNAL)
                .listener(GATE)
                .listener(PROBE)
                .writeTo(dir);
    }

    static final String ECHO_SOURCE = """
            package com.example.echo;

            import io.helidon.common.buffers.BufferData;
            import io.helidon.websocket.WsListener;
            import io.helidon.websocket.WsSession;

            public class EchoService implements WsListener {
                @Override
                public void onMessage(WsSession session, String text, boolean last) {
                    session.send(text, last);
                }

                @Override
                public void onMessage(WsSession session, BufferData buffer, boolean last) {
                    session.send(buffer, last);
                }
            }
            """;

    // Shared by all connections, as one listener registered on a Helidon route is: it keys its state by session.
    static final String JOURNAL_SOURCE = """
            package com.example.journal;

            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.CopyOnWriteArrayList;
            import java.util.concurrent.atomic.AtomicInteger;

            import io.helidon.websocket.WsListener;
            import io.helidon.websocket.WsSession;

            public class JournalListener implements WsListener {
                private final List<String> journal = new CopyOnWriteArrayList<>();
                private final Map<WsSession, Integer> numbers = new ConcurrentHashMap<>();
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public void onOpen(WsSession session) {
                    numbers.put(session, count.incrementAndGet());
                    journal.add(numbers.get(session) + " open " + session.subProtocol().orElse("none"));
                }

                @Override
                public void onMessage(WsSession session, String text, boolean last) {
                    if (text.equals("journal")) {
                        session.send(String.join("|", journal), true);
                    } else if (text.equals("parts")) {
                        session.send("one,", false);
                        session.send("two,", false);
                        session.send("three", true);
                    } else if (text.startsWith("close ")) {
                        String[] words = text.split(" ", 3);
                        session.close(Integer.parseInt(words[1]), words[2]);
                    } else if (text.equals("boom")) {
                        throw new IllegalStateException("boom");
                    } else {
                        journal.add(numbers.get(session) + " text " + text);
                    }
                }

                @Override
                public void onError(WsSession session, Throwable t) {
                    journal.add(numbers.get(session) + " error " + t.getMessage());
                }

                @Override
                public void onClose(WsSession session, int status, String reason) {
                    journal.add(numbers.remove(session) + " close " + status + " " + reason);
                }
            }
            """;

    // Helidon's own WebSocket tests negotiate in onHttpUpgrade and refuse with WsUpgradeException.
    static final String GATE_SOURCE = """
            package com.example.gate;

            import java.util.Optional;

            import io.helidon.http.HeaderName;
            import io.helidon.http.HeaderNames;
            import io.helidon.http.Headers;
            import io.helidon.http.HttpPrologue;
            import io.helidon.http.WritableHeaders;
            import io.helidon.websocket.WsListener;
            import io.helidon.websocket.WsSession;
            import io.helidon.websocket.WsUpgradeException;

            public class GateListener implements WsListener {
                private static final HeaderName TOKEN = HeaderNames.create("X-Token");
                private static final HeaderName PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

                @Override
                public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers)
                        throws WsUpgradeException {
                    if (!headers.contains(TOKEN)) {
                        throw new WsUpgradeException("token required");
                    }
                    WritableHeaders<?> upgradeHeaders = WritableHeaders.create();
                    upgradeHeaders.set(PROTOCOL, "gate");
                    return Optional.of(upgradeHeaders);
                }

                @Override
                public void onOpen(WsSession session) {
                    HttpPrologue prologue = session.prologue();
                    String peer = session.socketContext().remotePeer().host();
                    session.send(prologue.method().text() + " " + prologue.uriPath().path() + " "
                            + prologue.query().rawValue() + " from " + peer, true);
                }
            }
            """;

    // Answers whether a class is visible to the jar.
    static final String PROBE_SOURCE = """
            package com.example.probe;

            import io.helidon.websocket.WsListener;
            import io.helidon.websocket.WsSession;

            public class ProbeListener implements WsListener {
                @Override
                public void onMessage(WsSession session, String text, boolean last) {
                    try {
                        Class.forName(text, false, getClass().getClassLoader());
                        session.send("visible", true);
                    } catch (ClassNotFoundException e) {
                        session.send("hidden", true);
                    }
                }
            }
            """;
}
