package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.EventLoop;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.CpuWindow;

import org.HdrHistogram.Histogram;

/**
 * {@code stream}: N connections that only receive, as from {@code dumb-increment-protocol}. Reports each connection's
 * rate, the gaps between consecutive messages, and the connections that fell behind the expected rate.
 *
 * <p>Messages are expected to be decimal counters ("0", "1", ...): a skipped number counts as missed. The rate is
 * measured, not assumed: libwebsockets' test server sends each of N connections N x 20 messages a second (a known
 * bug), and that shows up as connections running ahead, with a note.
 */
public final class StreamScenario implements Scenario {

    private int connections;
    private double expectedRate;
    private double tolerance;

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String defaultProtocol() {
        return "dumb-increment-protocol";
    }

    @Override
    public Duration defaultCoalesce() {
        // Gaps are tens of milliseconds; reading every socket the moment one frame lands would make the server
        // pay a wakeup of this process per message (on loopback the sender's kernel does the receiver's work).
        return Duration.ofMillis(1);
    }

    @Override
    public Configuration configure(Options options) {
        connections = options.integer("connections", 1000, 1);
        expectedRate = options.decimal("expected-rate", 20);
        tolerance = options.decimal("tolerance", 0.05);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("connections", Integer.toString(connections));
        shown.put("expected", String.format(Locale.ROOT, "%.0f/s per connection (+-%.0f%%)", expectedRate,
                                            tolerance * 100));
        return new Configuration(shown, connections);
    }

    private static final class LoopStats {
        final Histogram gaps = new Histogram(3);
        long messages;
        long missed;
        long restarts;
        final UnexpectedCloses closes = new UnexpectedCloses();
    }

    private static final class Receiver implements ClientListener {
        private final LoopStats[] stats;
        private final Window[] window;
        long counted;
        long last = -1;
        long lastNanos;
        boolean stopping;

        Receiver(LoopStats[] stats, Window[] window) {
            this.stats = stats;
            this.window = window;
        }

        @Override
        public void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer, int offset,
                           int length, long nanos) {
            LoopStats s = stats[connection.loop().index()];
            long value = parse(buffer, offset, length);
            if (value >= 0 && last >= 0) {
                if (value > last + 1) {
                    s.missed += value - last - 1;
                } else if (value <= last) {
                    s.restarts++;
                }
            }
            last = value;
            if (window[0].contains(nanos)) {
                counted++;
                s.messages++;
                if (lastNanos != 0) {
                    s.gaps.recordValue(nanos - lastNanos);
                }
            }
            lastNanos = nanos;
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            if (!stopping && connection.openNanos() != 0) {
                LoopStats s = stats[connection.loop().index()];
                s.closes.record(code, reason);
            }
        }

        private static long parse(ByteBuffer buffer, int offset, int length) {
            if (length == 0 || length > 18) {
                return -1;
            }
            long value = 0;
            for (int i = offset; i < offset + length; i++) {
                int digit = buffer.get(i) - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                value = value * 10 + digit;
            }
            return value;
        }
    }

    @Override
    public Metrics run(Run run) throws Exception {
        LoopStats[] stats = run.perLoop(LoopStats[]::new, LoopStats::new);
        Window[] window = {new Window(Long.MAX_VALUE, Long.MAX_VALUE)};
        // A server that cannot take them all (libwebsockets past ~2,000) is still measured on those it took.
        Opened opened = run.open(connections, run.url(), () -> new Receiver(stats, window),
                                     Run.connectTimeout(connections));
        if (opened.opened() == 0) {
            throw new IllegalStateException("no connection opened; first failure: " + opened.firstFailure());
        }
        Window measured = run.windowFromNow();
        run.engine().onEveryLoop(loop -> window[0] = measured);
        CpuWindow cpu = run.await(measured);
        List<Long> counts = new ArrayList<>();
        Histogram gaps = new Histogram(3);
        long messages = 0;
        long missed = 0;
        long restarts = 0;
        UnexpectedCloses closes = new UnexpectedCloses();
        for (EventLoop loop : run.engine().loops()) {
            counts.addAll(loop.call(() -> {
                List<Long> perConnection = new ArrayList<>();
                for (ClientConnection c : loop.connections()) {
                    Receiver r = (Receiver) c.listener();
                    r.stopping = true;
                    perConnection.add(r.counted);
                }
                return perConnection;
            }));
            LoopStats s = loop.call(() -> stats[loop.index()]);
            gaps.add(s.gaps);
            messages += s.messages;
            missed += s.missed;
            restarts += s.restarts;
            closes.add(s.closes);
        }
        run.closeAll(Duration.ofSeconds(5));
        double seconds = measured.seconds();
        double[] rates = counts.stream().mapToDouble(c -> c / seconds).sorted().toArray();
        // Connections closed during the run, or never opened, are missing from the rates; they count as behind.
        int behind = closes.count() + opened.failed();
        int ahead = 0;
        for (double rate : rates) {
            if (rate < expectedRate * (1 - tolerance)) {
                behind++;
            } else if (rate > expectedRate * (1 + tolerance)) {
                ahead++;
            }
        }
        double median = percentile(rates, 50);
        Metrics metrics = new Metrics()
                .add("opened", "connections opened", opened.opened(), 0)
                .add("msgs_per_s", "messages/s (all connections)", messages / seconds, 0)
                .add("rate_median", "rate per connection, median", median, 2)
                .add("rate_min", "rate per connection, min", rates.length == 0 ? Double.NaN : rates[0], 2)
                .add("rate_p1", "rate per connection, p1", percentile(rates, 1), 2)
                .add("rate_max", "rate per connection, max", rates.length == 0 ? Double.NaN : rates[rates.length - 1], 2)
                .add("behind", "connections behind (< -" + Math.round(tolerance * 100) + "%)", behind, 0)
                .add("ahead", "connections ahead (> +" + Math.round(tolerance * 100) + "%)", ahead, 0)
                .addLatency("gap", "gap", gaps)
                .add("missed", "counter values skipped", missed, 0);
        Cpu.add(metrics, cpu);
        metrics.add("closed", "connections lost", closes.count(), 0);
        if (median > expectedRate * 1.5) {
            metrics.note(String.format(Locale.ROOT, "the server sends %.0f messages/s per connection, not %.0f: with %d "
                    + "connections that is %.1f x %d x %.0f/s, the N x 20/s of libwebsockets' dumb-increment (a known "
                    + "bug)", median, expectedRate, connections, median / (connections * expectedRate), connections,
                    expectedRate));
        }
        if (opened.failed() > 0) {
            metrics.note(opened.failed() + " of " + connections + " connections did not open (first: "
                    + opened.firstFailure() + "); the others were measured");
        }
        if (restarts > 0) {
            metrics.note(restarts + " times a counter went back (reset or restart)");
        }
        if (closes.count() > 0) {
            metrics.note(closes.count() + " connections were closed during the run; first: " + closes.first());
        }
        return metrics;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
