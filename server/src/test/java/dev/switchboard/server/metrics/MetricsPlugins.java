package dev.switchboard.server.metrics;

import java.nio.file.Path;

import dev.switchboard.server.testing.PluginJarBuilder;

/**
 * Test protocols that make the server's counters move: one that judges handshakes, one that fails in every call,
 * one that floods its clients.
 */
final class MetricsPlugins {

    private MetricsPlugins() {
    }

    /**
     * Writes {@code gate.jar}: protocol {@code gate} refuses a handshake whose query has {@code deny} with 403, throws
     * from {@code accept} for {@code fail}, and accepts the rest; its sessions echo text.
     *
     * @param dir the protocols directory
     */
    static void writeGate(Path dir) {
        PluginJarBuilder.jar("gate.jar")
                .source("test.gate.Factory", """
                        package test.gate;

                        import dev.switchboard.api.*;

                        public class Factory implements ProtocolFactory {
                            @Override public String name() { return "gate"; }
                            @Override public String version() { return "1.0.0"; }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                return new Protocol() {
                                    @Override
                                    public HandshakeDecision accept(Handshake handshake) {
                                        if (handshake.queryParam("fail").isPresent()) {
                                            throw new IllegalStateException("accept fails on purpose");
                                        }
                                        return handshake.queryParam("deny").isPresent()
                                                ? HandshakeDecision.refuse(403, "denied")
                                                : HandshakeDecision.accept();
                                    }

                                    @Override
                                    public MessageHandler open(Session session) {
                                        return new MessageHandler() {
                                            @Override public void onText(String text) { session.send(text); }
                                        };
                                    }
                                };
                            }
                        }
                        """)
                .provider("test.gate.Factory")
                .writeTo(dir);
    }

    /**
     * Writes {@code faulty.jar}: protocol {@code faulty} has a timer task that throws once at start; {@code open}
     * throws for a handshake whose query has {@code fail-open}; {@code onText} throws for {@code throw} and echoes
     * anything else; {@code onBinary} and {@code onClose} always throw.
     *
     * @param dir the protocols directory
     */
    static void writeFaulty(Path dir) {
        PluginJarBuilder.jar("faulty.jar")
                .source("test.faulty.Factory", """
                        package test.faulty;

                        import dev.switchboard.api.*;
                        import java.nio.ByteBuffer;
                        import java.time.Duration;

                        public class Factory implements ProtocolFactory {
                            @Override public String name() { return "faulty"; }
                            @Override public String version() { return "1.0.0"; }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                context.schedule(() -> {
                                    throw new IllegalStateException("timer task fails on purpose");
                                }, Duration.ZERO);
                                return session -> {
                                    if (session.handshake().queryParam("fail-open").isPresent()) {
                                        throw new IllegalStateException("open fails on purpose");
                                    }
                                    return new MessageHandler() {
                                        @Override
                                        public void onText(String text) {
                                            if (text.equals("throw")) {
                                                throw new IllegalStateException("onText fails on purpose");
                                            }
                                            session.send(text);
                                        }

                                        @Override
                                        public void onBinary(ByteBuffer data) {
                                            throw new IllegalStateException("onBinary fails on purpose");
                                        }

                                        @Override
                                        public void onClose(CloseStatus status) {
                                            throw new IllegalStateException("onClose fails on purpose");
                                        }
                                    };
                                };
                            }
                        }
                        """)
                .provider("test.faulty.Factory")
                .writeTo(dir);
    }

    /**
     * Writes {@code flood.jar}: protocol {@code flood} broadcasts a 64 KiB binary message to all its sessions every
     * 5 ms, so a client that does not read overflows any small send queue within a fraction of a second.
     *
     * @param dir the protocols directory
     */
    static void writeFlood(Path dir) {
        PluginJarBuilder.jar("flood.jar")
                .source("test.flood.Factory", """
                        package test.flood;

                        import dev.switchboard.api.*;
                        import java.nio.ByteBuffer;
                        import java.time.Duration;

                        public class Factory implements ProtocolFactory {
                            @Override public String name() { return "flood"; }
                            @Override public String version() { return "1.0.0"; }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                byte[] message = new byte[64 * 1024];
                                ScheduledTask timer = context.scheduleAtFixedRate(
                                        () -> context.broadcast(context.sessions(), ByteBuffer.wrap(message)),
                                        Duration.ofMillis(5), Duration.ofMillis(5));
                                return new Protocol() {
                                    @Override
                                    public MessageHandler open(Session session) {
                                        return new MessageHandler() { };
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
}
