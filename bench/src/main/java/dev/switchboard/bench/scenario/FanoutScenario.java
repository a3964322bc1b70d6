package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.EventLoop;
import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.CpuWindow;

import org.HdrHistogram.Histogram;

/**
 * {@code fanout}: one sender and N receivers on one mirror instance ({@code lws-mirror-protocol}, {@code ?mirror=}).
 * The sender writes numbered, timestamped records at a fixed rate or flat out; every receiver checks that it gets
 * each one, once, in order, and times it. Reports deliveries per second, sender-to-receiver latency, and lost,
 * reordered or malformed records, which must all be zero.
 *
 * <p>Flat out, the sender keeps a window of records in flight, counted by its own copies coming back (a mirror
 * relays to the sender too): the server's pace, not the generator's, sets the rate, and no queue grows without
 * bound. Before measuring, the sender repeats a sync record until every receiver has seen one, so that every
 * receiver is a member of the instance when record 1 is sent.
 *
 * <p>Against a cluster (several nodes on one Redis, as {@code bench compare}'s {@code fanout-cluster} starts them), the
 * receivers spread evenly over the nodes and the sender is on the first; the report adds the Redis server's CPU.
 *
 * <p>{@code fanout-deflate} is the same with permessage-deflate offered and {@code --payload json} by default: 1 KiB
 * records whose bytes after the sequence number and time are {@link JsonPayload} text, in turn from its variants.
 * {@code fanout --payload json --size 1024} is its uncompressed twin.
 */
public final class FanoutScenario extends DeflateTwinScenario {

    private int receivers;
    private int rate;
    private int window;
    private int size;
    private boolean json;
    private String mirror;

    /**
     * {@code fanout} or {@code fanout-deflate}.
     *
     * @param deflate the compressed twin
     */
    public FanoutScenario(boolean deflate) {
        super("fanout", deflate);
    }

    @Override
    public String defaultProtocol() {
        return "lws-mirror-protocol";
    }

    @Override
    public Duration defaultCoalesce() {
        // Many receivers, one small frame each per message: a short pause lets reads take several frames and
        // spares the server a wakeup of this process per frame; it adds at most this much to measured latency.
        return Duration.ofNanos(300_000);
    }

    @Override
    public Configuration configure(Options options) {
        receivers = options.integer("connections", 100, 1);
        rate = options.integer("rate", 0, 0);
        window = options.integer("window", 256, 1);
        size = options.integer("size", deflate ? 1024 : 32, FanoutRecords.MIN_SIZE);
        json = JsonPayload.chosen(options.string("payload", deflate ? "json" : "text"));
        mirror = options.string("mirror", "bench");
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("receivers", Integer.toString(receivers));
        shown.put("rate", rate == 0 ? "flat out (window " + window + ")" : rate + " msg/s");
        shown.put("size", size + (json ? String.format(Locale.ROOT, " B JSON text (%d variants, each deflates alone "
                + "%.2fx)", JsonPayload.VARIANTS, JsonPayload.ratio(JsonPayload.variants(size))) : " B text"));
        shown.put("mirror", mirror);
        int nodes = options.integer("nodes", 1, 1);
        if (nodes > 1) {
            shown.put("nodes", nodes + " on one Redis, receivers spread evenly, the sender on the first");
        }
        // The receivers and the sender.
        return new Configuration(shown, receivers + 1);
    }

    private static final class LoopStats {
        final Histogram latency = new Histogram(3);
        long deliveries;
        long lost;
        long reordered;
        long malformed;
        final UnexpectedCloses closes = new UnexpectedCloses();
    }

    private final class Receiver extends FanoutRecords.Reader implements ClientListener {
        private final LoopStats[] stats;
        private final Window[] measured;
        private final AtomicInteger synced;
        private boolean sawSync;
        long expected = 1;
        boolean stopping;
        private LoopStats s;

        Receiver(LoopStats[] stats, Window[] measured, AtomicInteger synced) {
            super(size);
            this.stats = stats;
            this.measured = measured;
            this.synced = synced;
        }

        @Override
        public void onOpen(ClientConnection connection, long nanos) {
            s = stats[connection.loop().index()];
        }

        @Override
        public void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer, int offset,
                           int length, long nanos) {
            data(buffer, offset, length, nanos);
        }

        @Override
        void record(long seq, long sentNanos, long nanos) {
            if (seq == 0) {
                if (!sawSync) {
                    sawSync = true;
                    synced.incrementAndGet();
                }
                return;
            }
            if (seq == expected) {
                expected++;
            } else if (seq > expected) {
                s.lost += seq - expected;
                expected = seq + 1;
            } else {
                s.reordered++;
            }
            if (measured[0].contains(nanos)) {
                s.deliveries++;
                s.latency.recordValue(Math.max(0, nanos - sentNanos));
            }
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            if (!stopping && s != null) {
                s.closes.record(code, reason);
            }
        }
    }

    @Override
    public Metrics run(Run run) throws Exception {
        LoopStats[] stats = run.perLoop(LoopStats[]::new, LoopStats::new);
        WsUrl url = instance(run.url());
        Window[] measured = {new Window(Long.MAX_VALUE, Long.MAX_VALUE)};
        AtomicInteger synced = new AtomicInteger();
        // On a cluster, the receivers spread evenly over its nodes (the first ones get one more when it does not
        // divide), the sender on the first node: the instance's messages travel through Redis to every node.
        List<WsUrl> nodes = run.urls();
        for (int i = 0; i < nodes.size(); i++) {
            int onNode = receivers / nodes.size() + (i < receivers % nodes.size() ? 1 : 0);
            if (onNode > 0) {
                run.openAll(onNode, instance(nodes.get(i)), () -> new Receiver(stats, measured, synced));
            }
        }
        FanoutSender sender = new FanoutSender(size, json, rate, window, receivers);
        run.openAll(1, url, () -> sender);
        EventLoop senderLoop = sender.loop();
        senderLoop.execute(() -> sender.sync(synced));
        long syncDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (synced.get() < receivers && System.nanoTime() < syncDeadline) {
            Thread.sleep(10);
        }
        if (synced.get() < receivers) {
            throw new IllegalStateException("only " + synced.get() + " of " + receivers + " receivers got the sender's "
                    + "sync record within 15 s: are they members of the same mirror instance (" + url + ")?");
        }
        Window w = run.windowFromNow();
        run.engine().onEveryLoop(loop -> measured[0] = w);
        senderLoop.execute(() -> sender.start(w));
        CpuWindow cpu = run.await(w);
        long sentInWindow = senderLoop.call(() -> {
            sender.stop();
            return sender.sentInWindow();
        });
        long last = sender.finalSeq();
        // Let the last records arrive; whatever is still missing after that is lost.
        long behind = behind(run, last);
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (behind > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(20);
            behind = behind(run, last);
        }
        Histogram latency = new Histogram(3);
        long deliveries = 0;
        long lost = behind;
        long reordered = 0;
        long malformed = 0;
        UnexpectedCloses closes = new UnexpectedCloses();
        for (EventLoop loop : run.engine().loops()) {
            LoopStats s = loop.call(() -> {
                for (ClientConnection c : loop.connections()) {
                    if (c.listener() instanceof Receiver r) {
                        r.stopping = true;
                        stats[loop.index()].malformed += r.malformed;
                    }
                }
                return stats[loop.index()];
            });
            latency.add(s.latency);
            deliveries += s.deliveries;
            lost += s.lost;
            reordered += s.reordered;
            malformed += s.malformed;
            closes.add(s.closes);
        }
        run.closeAll(Duration.ofSeconds(5));
        double seconds = w.seconds();
        Metrics metrics = new Metrics()
                .add("deliveries_per_s", "deliveries/s", deliveries / seconds, 0)
                .add("sent_per_s", "sent/s", sentInWindow / seconds, 0)
                .addLatency("latency", "latency", latency)
                .add("lost", "lost", lost, 0)
                .add("reordered", "reordered or duplicated", reordered, 0)
                .add("malformed", "malformed records", malformed, 0);
        Wire.add(metrics, run.windowTraffic(), run.engine().deflate());
        Cpu.add(metrics, cpu);
        metrics.add("closed", "connections lost", closes.count(), 0);
        if (rate > 0 && sentInWindow < 0.95 * rate * seconds) {
            metrics.note("the sender could not keep its rate: the server read its messages too slowly");
        }
        if (lost > 0 || reordered > 0 || malformed > 0) {
            metrics.note("lost " + lost + ", reordered " + reordered + ", malformed " + malformed + " (must all be 0)");
        }
        if (closes.count() > 0) {
            metrics.note(closes.count() + " receivers were closed during the run; first: " + closes.first());
        }
        return metrics;
    }

    private WsUrl instance(WsUrl node) {
        return node.uri().getRawQuery() == null ? node.withQuery("mirror=" + mirror) : node;
    }

    // Records still missing at the receivers, summed: 0 once every receiver has the last one.
    private static long behind(Run run, long last) {
        long behind = 0;
        for (EventLoop loop : run.engine().loops()) {
            behind += loop.call(() -> {
                long b = 0;
                List<ClientConnection> connections = loop.connections();
                for (ClientConnection c : connections) {
                    if (c.listener() instanceof Receiver r) {
                        b += Math.max(0, last - (r.expected - 1));
                    }
                }
                return b;
            });
        }
        return behind;
    }
}
