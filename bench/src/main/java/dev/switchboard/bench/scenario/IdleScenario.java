package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.Traffic;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.JavaHeap;
import dev.switchboard.bench.system.Proc;
import dev.switchboard.server.frame.OpCode;

/**
 * {@code idle}: holds N idle connections and reads what they cost the server: resident memory (from
 * {@code /proc/PID/status}) and, for a JVM, the heap in use after a full GC (through the JDK's {@code jcmd}), each
 * before and after, divided by N. Needs the server's process id ({@code --server-pid}).
 *
 * <p>The baseline is taken after a warm-up round (up to 1,000 connections opened and closed), so the numbers are the
 * marginal cost of a connection, not the server's first-use costs.
 *
 * <p>{@code idle-deflate} negotiates permessage-deflate with context takeover and has every connection send one
 * compressed message ({@code --size}, 1 KiB of {@link JsonPayload}) and wait for its echo before it idles: a server
 * keeps an inflater per connection only once a client sent it compressed data with context takeover, and the cost
 * shows only then. The generator drops its own deflater after that message, so that it does not hold ~256 KiB of
 * native memory per connection; the server cannot tell.
 */
public final class IdleScenario extends DeflateTwinScenario {

    private int connections;
    private int size;

    /**
     * {@code idle} or {@code idle-deflate}.
     *
     * @param deflate the compressed twin
     */
    public IdleScenario(boolean deflate) {
        super("idle", deflate);
    }

    @Override
    public Configuration configure(Options options) {
        connections = options.integer("connections", 1000, 1);
        size = deflate ? options.integer("size", 1024, 1) : 0;
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("connections", Integer.toString(connections));
        if (deflate) {
            shown.put("first message", size + " B JSON text, echoed, then idle");
        }
        return new Configuration(shown, connections);
    }

    @Override
    public Metrics run(Run run) throws Exception {
        long pid = run.serverPid();
        if (pid <= 0) {
            throw new IllegalArgumentException("idle needs the server's process id: --server-pid PID");
        }
        byte[][] messages = deflate ? JsonPayload.variants(size) : null;
        AtomicInteger echoed = new AtomicInteger();
        AtomicInteger variant = new AtomicInteger();
        Supplier<ClientListener> listeners = deflate
                ? () -> new OneMessage(messages[variant.getAndIncrement() % messages.length], echoed)
                : () -> ClientListener.IGNORE;
        if (!run.warmup().isZero()) {
            int warm = Math.min(connections, 1000);
            run.openAll(warm, run.url(), listeners);
            awaitEchoes(echoed, deflate ? warm : 0);
            run.closeAll(Duration.ofSeconds(5));
            Thread.sleep(500);
        }
        echoed.set(0);
        OptionalLong heapBefore = JavaHeap.usedAfterGc(pid);
        Thread.sleep(200);
        OptionalLong rssBefore = Proc.rssBytes(pid);
        long threadsBefore = Proc.threads(pid).orElse(-1);
        Traffic.Counts trafficBefore = run.traffic();
        run.openAll(connections, run.url(), listeners);
        awaitEchoes(echoed, deflate ? connections : 0);
        long compressed = run.traffic().minus(trafficBefore).compressedIn();
        Thread.sleep(run.duration().toMillis());
        int live = run.live();
        OptionalLong heapAfter = JavaHeap.usedAfterGc(pid);
        Thread.sleep(200);
        OptionalLong rssAfter = Proc.rssBytes(pid);
        long threadsAfter = Proc.threads(pid).orElse(-1);
        run.closeAll(Duration.ofSeconds(10));
        Metrics metrics = new Metrics();
        double n = connections;
        metrics.add("rss_before_mib", "server RSS before (MiB)", mib(rssBefore), 1)
                .add("rss_after_mib", "server RSS with N idle (MiB)", mib(rssAfter), 1)
                .add("rss_per_conn_kib", "RSS per connection (KiB)", perConnectionKiB(rssBefore, rssAfter, n), 2)
                .add("heap_before_mib", "heap used before (MiB)", mib(heapBefore), 1)
                .add("heap_after_mib", "heap used with N idle (MiB)", mib(heapAfter), 1)
                .add("heap_per_conn_kib", "heap per connection (KiB)", perConnectionKiB(heapBefore, heapAfter, n), 2)
                .add("threads_before", "server threads before", threadsBefore < 0 ? Double.NaN : threadsBefore, 0)
                .add("threads_after", "server threads with N idle", threadsAfter < 0 ? Double.NaN : threadsAfter, 0)
                .add("still_open", "connections still open", live, 0);
        if (deflate) {
            metrics.add("echoed", "first messages echoed", echoed.get(), 0)
                    .add("echoed_compressed", "echoes that came compressed", compressed, 0);
            if (echoed.get() < connections) {
                metrics.note((connections - echoed.get()) + " of " + connections + " first messages were not echoed "
                                     + "within 30 s");
            }
        }
        if (live < connections) {
            metrics.note((connections - live) + " of " + connections + " idle connections were closed while held");
        }
        if (heapBefore.isEmpty()) {
            metrics.note("no heap figures: the server is not a JVM this JDK's jcmd can attach to");
        }
        return metrics;
    }

    // Sends one message when open, and idles once it is back.
    private static final class OneMessage implements ClientListener {
        private final byte[] message;
        private final AtomicInteger echoed;

        OneMessage(byte[] message, AtomicInteger echoed) {
            this.message = message;
            this.echoed = echoed;
        }

        @Override
        public void onOpen(ClientConnection connection, long nanos) {
            connection.send(OpCode.TEXT, message, 0, message.length);
        }

        @Override
        public void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer, int offset,
                           int length, long nanos) {
            if (fin) {
                connection.dropDeflateContext();
                echoed.incrementAndGet();
            }
        }
    }

    private static void awaitEchoes(AtomicInteger echoed, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (echoed.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static double mib(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() / (1024.0 * 1024) : Double.NaN;
    }

    private static double perConnectionKiB(OptionalLong before, OptionalLong after, double n) {
        return before.isPresent() && after.isPresent() ? (after.getAsLong() - before.getAsLong()) / 1024.0 / n
                : Double.NaN;
    }
}
