package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.CpuWindow;
import dev.switchboard.server.frame.OpCode;

import org.HdrHistogram.Histogram;

/**
 * {@code echo}: N connections, each keeping D messages of S bytes in flight; every echo that comes back is timed
 * and answered by the next message. Reports round trips per second, round-trip latency and bytes on the wire.
 *
 * <p>{@code echo-deflate} is the same with permessage-deflate offered and {@code --payload json} by default: 1 KiB
 * messages of {@link JsonPayload}, sent in turn from its variants. {@code echo --payload json --size 1024} is its
 * uncompressed twin.
 */
public final class EchoScenario extends DeflateTwinScenario {

    private int connections;
    private int inFlight;
    private int size;
    private boolean binary;
    private boolean json;

    /**
     * {@code echo} or {@code echo-deflate}.
     *
     * @param deflate the compressed twin
     */
    public EchoScenario(boolean deflate) {
        super("echo", deflate);
    }

    @Override
    public Configuration configure(Options options) {
        connections = options.integer("connections", 100, 1);
        inFlight = options.integer("in-flight", 1, 1);
        size = options.integer("size", deflate ? 1024 : 64, 0);
        binary = options.flag("binary");
        json = JsonPayload.chosen(options.string("payload", deflate ? "json" : "text"));
        if (json && binary) {
            throw new IllegalArgumentException("--payload json and --binary exclude each other");
        }
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("connections", Integer.toString(connections));
        shown.put("in-flight", Integer.toString(inFlight));
        shown.put("size", size + (binary ? " B binary" : json ? String.format(Locale.ROOT,
                " B JSON text (%d variants, each deflates alone %.2fx)", JsonPayload.VARIANTS,
                JsonPayload.ratio(JsonPayload.variants(size))) : " B text"));
        return new Configuration(shown, connections);
    }

    // Per loop: only ever touched on that loop's thread.
    private static final class LoopStats {
        final Histogram rtt = new Histogram(3);
        long roundTrips;
        final UnexpectedCloses closes = new UnexpectedCloses();
    }

    private final class Client implements ClientListener {
        private final LoopStats[] stats;
        private final Window[] window;
        private final byte[][] payloads;
        private final long[] sentAt = new long[inFlight];
        private int head;
        private int next;
        private boolean stopping;

        Client(LoopStats[] stats, Window[] window, byte[][] payloads) {
            this.stats = stats;
            this.window = window;
            this.payloads = payloads;
        }

        void start(ClientConnection connection) {
            long now = System.nanoTime();
            for (int i = 0; i < inFlight; i++) {
                sentAt[i] = now;
                send(connection, binary ? OpCode.BINARY : OpCode.TEXT);
            }
        }

        // The payloads in turn; one of them unless --payload json.
        private void send(ClientConnection connection, int opCode) {
            byte[] payload = payloads[next];
            next = next + 1 == payloads.length ? 0 : next + 1;
            connection.send(opCode, payload, 0, payload.length);
        }

        @Override
        public void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer, int offset,
                           int length, long nanos) {
            if (!fin) {
                return;
            }
            // Echoes come back in order, and the number in flight is constant: the slot just answered is the one the
            // next message takes.
            long sent = sentAt[head];
            sentAt[head] = nanos;
            head = head + 1 == inFlight ? 0 : head + 1;
            if (window[0].contains(nanos)) {
                LoopStats s = stats[connection.loop().index()];
                s.rtt.recordValue(nanos - sent);
                s.roundTrips++;
            }
            send(connection, opCode);
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            if (!stopping && connection.openNanos() != 0) {
                LoopStats s = stats[connection.loop().index()];
                s.closes.record(code, reason);
            }
        }
    }

    @Override
    public Metrics run(Run run) throws Exception {
        LoopStats[] stats = run.perLoop(LoopStats[]::new, LoopStats::new);
        byte[][] payloads = json ? JsonPayload.variants(size) : new byte[][] {payload(size, binary)};
        // Set before traffic starts; published to the loops by the tasks that start it.
        Window[] window = {new Window(Long.MAX_VALUE, Long.MAX_VALUE)};
        run.openAll(connections, run.url(), () -> new Client(stats, window, payloads));
        window[0] = run.windowFromNow();
        run.engine().onEveryLoop(loop -> loop.connections().forEach(c -> ((Client) listenerOf(c)).start(c)));
        CpuWindow cpu = run.await(window[0]);
        run.engine().onEveryLoop(loop -> loop.connections().forEach(c -> ((Client) listenerOf(c)).stopping = true));
        Histogram rtt = new Histogram(3);
        long roundTrips = 0;
        UnexpectedCloses closes = new UnexpectedCloses();
        for (var loop : run.engine().loops()) {
            LoopStats s = loop.call(() -> stats[loop.index()]);
            rtt.add(s.rtt);
            roundTrips += s.roundTrips;
            closes.add(s.closes);
        }
        run.closeAll(Duration.ofSeconds(3));
        Metrics metrics = new Metrics()
                .add("msgs_per_s", "round trips/s", roundTrips / window[0].seconds(), 0)
                .addLatency("rtt", "RTT", rtt);
        Wire.add(metrics, run.windowTraffic(), run.engine().deflate());
        Cpu.add(metrics, cpu);
        metrics.add("closed", "connections lost", closes.count(), 0);
        if (closes.count() > 0) {
            metrics.note(closes.count() + " connections were closed by the server during the run; first: "
                                 + closes.first());
        }
        return metrics;
    }

    private static ClientListener listenerOf(ClientConnection connection) {
        return connection.listener();
    }

    static byte[] payload(int size, boolean binary) {
        byte[] payload = new byte[size];
        if (binary) {
            new SplittableRandom(size).nextBytes(payload);
        } else {
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) ('a' + i % 26);
            }
        }
        return payload;
    }
}
