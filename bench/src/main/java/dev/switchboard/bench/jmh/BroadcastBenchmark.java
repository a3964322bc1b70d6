package dev.switchboard.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.cluster.ClusterPresence;
import dev.switchboard.server.config.ProtocolBlock;
import dev.switchboard.server.config.ProtocolOptions;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.runtime.OpenConnections;
import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.runtime.ServerSession;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Broadcast, encode-once: the real {@link ProtocolRuntime#broadcast(Iterable, String)} (one frame encoded, the same
 * array handed to every recipient's {@code sendFrame}) against sending the message to each recipient, which encodes
 * it once per recipient. Recipients are sessions that keep the frame and nothing else, so the numbers are the
 * broadcast's own cost, not the sockets'. The runtime is built as the server's catalog builds one, through its public
 * constructor, but never started: a broadcast needs no plugin.
 */
@State(Scope.Thread)
public class BroadcastBenchmark extends MicroBenchmark {

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
                                      Path.of("bench.jar"), new ProtocolOptions(ProtocolBlock.defaults("bench")),
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
        public boolean aboveLowWater() {
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
}
