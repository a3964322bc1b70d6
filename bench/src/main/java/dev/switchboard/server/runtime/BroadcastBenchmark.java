package dev.switchboard.server.runtime;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.ProtocolConfig;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.cluster.ClusterPresence;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.DiscoveredProtocol;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Broadcast, encode-once: the real {@link ProtocolRuntime#broadcast(Iterable, String)} (one frame encoded, the same
 * array handed to every recipient's {@code sendFrame}) against sending the message to each recipient, which encodes
 * it once per recipient. Recipients are sessions that keep the frame and nothing else, so the numbers are the
 * broadcast's own cost, not the sockets'. {@code ProtocolRuntime}'s constructor is package-private, so this benchmark
 * lives in its package (in the bench module; no reflection).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {

    /** Recipients. */
    @Param({"100", "1000"})
    public int recipients;

    /** Message length (ASCII). */
    @Param({"32", "1024"})
    public int size;

    private ServerMetrics metrics;
    private ProtocolRuntime runtime;
    private List<Recipient> sessions;
    private String message;

    /** Builds the runtime and the recipients. */
    @Setup
    public void setUp() {
        metrics = ServerMetrics.create();
        runtime = new ProtocolRuntime(new DiscoveredProtocol("bench", "1", Path.of("bench.jar"), null,
                                                             BroadcastBenchmark.class.getClassLoader()),
                                      Path.of("bench.jar"), new NoConfig(),
                                      new OpenConnections(ClusterPresence.single(() -> "bench")),
                                      metrics.protocol("bench", () -> recipients),
                                      ChannelEngines.local().create("bench", session -> true));
        sessions = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            sessions.add(new Recipient("s" + i));
        }
        message = "x".repeat(size);
    }

    /** Removes the meters the runtime registered. */
    @TearDown
    public void tearDown() {
        metrics.close();
    }

    /**
     * One broadcast through the runtime: encoded once.
     *
     * @param sink keeps the result alive
     */
    @Benchmark
    public void encodeOnce(Blackhole sink) {
        runtime.broadcast(sessions, message);
        sink.consume(sessions.get(recipients - 1).last);
    }

    /**
     * The same message sent to each recipient in turn: encoded once per recipient.
     *
     * @param sink keeps the result alive
     */
    @Benchmark
    public void encodePerRecipient(Blackhole sink) {
        for (Recipient session : sessions) {
            session.send(message);
        }
        sink.consume(sessions.get(recipients - 1).last);
    }

    // A session that keeps the last frame queued to it, as a send queue would hold it.
    private static final class Recipient implements ServerSession {
        private final String id;
        byte[] last;

        Recipient(String id) {
            this.id = id;
        }

        @Override
        public boolean sendFrame(byte[] frame) {
            last = frame;
            return true;
        }

        @Override
        public boolean sendMessage(OutboundMessage message) {
            last = message.plainFrame();
            return true;
        }

        @Override
        public boolean send(String text) {
            // What a session does with a message sent to it alone.
            last = OutboundMessage.text(text).plainFrame();
            return true;
        }

        @Override
        public boolean send(ByteBuffer data) {
            last = OutboundMessage.binary(data).plainFrame();
            return true;
        }

        @Override
        public void abandon(CloseStatus status) {
        }

        @Override
        public boolean execute(Runnable task) {
            task.run();
            return true;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String subprotocol() {
            return "bench";
        }

        @Override
        public Handshake handshake() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(CloseStatus status) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        // Backpressure and channels play no part in a broadcast: a recipient that is never behind.
        @Override
        public boolean offer(String text) {
            return send(text);
        }

        @Override
        public boolean offer(ByteBuffer data) {
            return send(data);
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void requestWritable() {
        }

        @Override
        public boolean behind() {
            return false;
        }

        @Override
        public void whenDrained(Runnable action) {
            action.run();
        }

        @Override
        public void keepsPublisherWaiting(boolean waiting) {
        }

        @Override
        public void holdCalls() {
        }

        @Override
        public void releaseCalls() {
        }

        @Override
        public boolean belongsTo(ProtocolContext protocol) {
            return true;
        }
    }

    private static final class NoConfig implements ProtocolConfig {
        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public Optional<String> string(String key) {
            return Optional.empty();
        }

        @Override
        public String string(String key, String defaultValue) {
            return defaultValue;
        }

        @Override
        public int integer(String key, int defaultValue) {
            return defaultValue;
        }

        @Override
        public boolean bool(String key, boolean defaultValue) {
            return defaultValue;
        }

        @Override
        public Duration duration(String key, Duration defaultValue) {
            return defaultValue;
        }

        @Override
        public int integer(String key, int defaultValue, int min, int max) {
            return defaultValue;
        }

        @Override
        public long size(String key, long defaultValue, long min, long max) {
            return defaultValue;
        }

        @Override
        public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
            return defaultValue;
        }

        @Override
        public List<String> list(String key, List<String> defaultValue) {
            return defaultValue;
        }

        @Override
        public String fullKey(String key) {
            return "switchboard.protocols.bench." + key;
        }
    }
}
