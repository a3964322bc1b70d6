package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import dev.switchboard.bench.Options;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.JavaHeap;
import dev.switchboard.bench.system.Proc;

/**
 * {@code idle}: holds N idle connections and reads what they cost the server: resident memory (from
 * {@code /proc/PID/status}) and, for a JVM, the heap in use after a full GC (through the JDK's {@code jcmd}), each
 * before and after, divided by N. Needs the server's process id ({@code --server-pid}).
 *
 * <p>The baseline is taken after a warm-up round (up to 1,000 connections opened and closed), so the numbers are the
 * marginal cost of a connection, not the server's first-use costs.
 */
public final class IdleScenario implements Scenario {

    private int connections;

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String defaultProtocol() {
        return "echo";
    }

    @Override
    public Map<String, String> configure(Options options) {
        connections = options.integer("connections", 1000, 1);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("connections", Integer.toString(connections));
        return shown;
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public Metrics run(Run run) throws Exception {
        long pid = run.serverPid();
        if (pid <= 0) {
            throw new IllegalArgumentException("idle needs the server's process id: --server-pid PID");
        }
        if (!run.warmup().isZero()) {
            run.openAll(Math.min(connections, 1000), run.url(), () -> ClientListener.IGNORE);
            run.closeAll(Duration.ofSeconds(5));
            Thread.sleep(500);
        }
        OptionalLong heapBefore = JavaHeap.usedAfterGc(pid);
        Thread.sleep(200);
        OptionalLong rssBefore = Proc.rssBytes(pid);
        long threadsBefore = Proc.threads(pid).orElse(-1);
        run.openAll(connections, run.url(), () -> ClientListener.IGNORE);
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
        if (live < connections) {
            metrics.note((connections - live) + " of " + connections + " idle connections were closed while held");
        }
        if (heapBefore.isEmpty()) {
            metrics.note("no heap figures: the server is not a JVM this JDK's jcmd can attach to");
        }
        return metrics;
    }

    private static double mib(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() / (1024.0 * 1024) : Double.NaN;
    }

    private static double perConnectionKiB(OptionalLong before, OptionalLong after, double n) {
        return before.isPresent() && after.isPresent() ? (after.getAsLong() - before.getAsLong()) / 1024.0 / n
                : Double.NaN;
    }
}
