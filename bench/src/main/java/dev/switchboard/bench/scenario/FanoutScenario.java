package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.EventLoop;
import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.CpuWindow;

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
 * <p>With {@code --slow-readers K} ({@link SlowReaders}), K of the receivers read no faster than {@code --read-rate}
 * bytes a second until the window is over, and the report splits fast and slow receivers.
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
    private SlowReaders slowReaders;

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
        int slow = options.integer("slow-readers", 0, 0);
        if (slow > receivers) {
            throw new IllegalArgumentException("--slow-readers " + slow + " is more than the " + receivers
                    + " receivers");
        }
        // 64 KiB/s: a slow mobile link. Read only with slow readers, so that --read-rate alone shows as a mistake.
        slowReaders = new SlowReaders(slow, receivers, slow > 0 ? options.integer("read-rate", 64 * 1024, 1) : 0);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("receivers", Integer.toString(receivers));
        shown.put("rate", rate == 0 ? "flat out (window " + window + ")" : rate + " msg/s");
        shown.put("size", size + (json ? String.format(Locale.ROOT, " B JSON text (%d variants, each deflates alone "
                + "%.2fx)", JsonPayload.VARIANTS, JsonPayload.ratio(JsonPayload.variants(size))) : " B text"));
        shown.put("mirror", mirror);
        if (slowReaders.any()) {
            shown.put("slow readers", slowReaders.shown());
        }
        int nodes = options.integer("nodes", 1, 1);
        if (nodes > 1) {
            shown.put("nodes", nodes + " on one Redis, receivers spread evenly, the sender on the first");
        }
        // The receivers and the sender.
        return new Configuration(shown, receivers + 1);
    }

    @Override
    public Metrics run(Run run) throws Exception {
        FanoutTally[] fast = run.perLoop(FanoutTally[]::new, FanoutTally::new);
        FanoutTally[] slow = run.perLoop(FanoutTally[]::new, FanoutTally::new);
        WsUrl url = instance(run.url());
        Window[] measured = {new Window(Long.MAX_VALUE, Long.MAX_VALUE)};
        AtomicInteger synced = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        Supplier<ClientListener> receiver = () -> slowReaders.isSlow(made.getAndIncrement())
                ? new FanoutReceiver(size, slow, measured, synced, slowReaders.bytesPerSecond())
                : new FanoutReceiver(size, fast, measured, synced, 0);
        // On a cluster, the receivers spread evenly over its nodes (the first ones get one more when it does not
        // divide), the sender on the first node: the instance's messages travel through Redis to every node.
        List<WsUrl> nodes = run.urls();
        for (int i = 0; i < nodes.size(); i++) {
            int onNode = receivers / nodes.size() + (i < receivers % nodes.size() ? 1 : 0);
            if (onNode > 0) {
                run.openAll(onNode, instance(nodes.get(i)), receiver);
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
        Run.sleepUntil(w.startNanos());
        OptionalLong rssStart = slowReaders.serverRss(run.serverPid());
        CpuWindow cpu = run.await(w);
        OptionalLong rssEnd = slowReaders.serverRss(run.serverPid());
        long sentInWindow = senderLoop.call(() -> {
            sender.stop();
            return sender.sentInWindow();
        });
        long last = sender.finalSeq();
        // What the server still holds for the slow receivers arrives now, and a close it sent one of them behind
        // that backlog with it: how each ended is known before the count.
        run.engine().onEveryLoop(loop -> receivers(loop).forEach(FanoutReceiver::readFreely));
        // Let the last records arrive; whatever is still missing after that is lost.
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (behind(run, last) > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(20);
        }
        FanoutTally fastSum = new FanoutTally();
        FanoutTally slowSum = new FanoutTally();
        for (EventLoop loop : run.engine().loops()) {
            loop.call(() -> {
                receivers(loop).forEach(r -> r.finish(last));
                return null;
            });
            fastSum.add(fast[loop.index()]);
            slowSum.add(slow[loop.index()]);
        }
        run.closeAll(Duration.ofSeconds(5));
        return metrics(run, w.seconds(), sentInWindow, fastSum, slowSum, cpu, rssStart, rssEnd);
    }

    private Metrics metrics(Run run, double seconds, long sentInWindow, FanoutTally fast, FanoutTally slow,
                            CpuWindow cpu, OptionalLong rssStart, OptionalLong rssEnd) {
        Metrics metrics = new Metrics();
        if (slowReaders.any()) {
            metrics.add("sent_per_s", "sent/s", sentInWindow / seconds, 0);
            slowReaders.addTo(metrics, fast, slow, size, seconds, rssStart, rssEnd);
        } else {
            metrics.add("deliveries_per_s", "deliveries/s", fast.deliveries / seconds, 0)
                    .add("sent_per_s", "sent/s", sentInWindow / seconds, 0)
                    .addLatency("latency", "latency", fast.latency)
                    .add("lost", "lost", fast.lost, 0)
                    .add("reordered", "reordered or duplicated", fast.reordered, 0);
        }
        long malformed = fast.malformed + slow.malformed;
        metrics.add("malformed", "malformed records", malformed, 0);
        Wire.add(metrics, run.windowTraffic(), run.engine().deflate());
        Cpu.add(metrics, cpu);
        metrics.add("closed", slowReaders.any() ? "fast: connections lost" : "connections lost", fast.closes.count(),
                    0);
        if (rate > 0 && sentInWindow < 0.95 * rate * seconds) {
            metrics.note("the sender could not keep its rate: the server read its messages too slowly");
        }
        if (fast.lost > 0 || fast.reordered > 0 || malformed > 0) {
            metrics.note((slowReaders.any() ? "fast receivers: " : "") + "lost " + fast.lost + ", reordered "
                    + fast.reordered + ", malformed " + malformed + " (must all be 0)");
        }
        if (fast.closes.count() > 0) {
            metrics.note(fast.closes.count() + " receivers were closed during the run; first: " + fast.closes.first());
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
            behind += loop.call(() -> receivers(loop).mapToLong(r -> r.missing(last)).sum());
        }
        return behind;
    }

    // The receivers still open on a loop; on its thread.
    private static Stream<FanoutReceiver> receivers(EventLoop loop) {
        return loop.connections().stream().map(ClientConnection::listener)
                .filter(FanoutReceiver.class::isInstance).map(FanoutReceiver.class::cast);
    }
}
