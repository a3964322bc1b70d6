package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.CpuWindow;

/**
 * {@code connect}: opens N connections as fast as the server takes them, with at most C handshakes in progress at a
 * time. Reports connections per second and handshake latency (socket opened to 101 read). The warm-up is a round of
 * its own (up to 1,000 connections, opened and closed) before the measured round.
 */
public final class ConnectScenario implements Scenario {

    private int connections;

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public Configuration configure(Options options) {
        connections = options.integer("connections", 1000, 1);
        return new Configuration(Map.of("connections", Integer.toString(connections)), connections);
    }

    @Override
    public Metrics run(Run run) throws Exception {
        if (!run.warmup().isZero()) {
            long until = System.nanoTime() + run.warmup().toNanos();
            do {
                run.openAll(Math.min(connections, 1000), run.url(), () -> ClientListener.IGNORE);
                run.closeAll(Duration.ofSeconds(5));
            } while (System.nanoTime() < until);
        }
        CpuWindow.Mark mark = CpuWindow.start(run.serverPid());
        Opened opened = run.open(connections, run.url(), () -> ClientListener.IGNORE, Run.connectTimeout(connections));
        CpuWindow cpu = mark.end();
        run.closeAll(Duration.ofSeconds(5));
        Metrics metrics = new Metrics()
                .add("conns_per_s", "connections/s", opened.opened() / (opened.elapsedNanos() / 1e9), 0)
                .addLatency("handshake", "handshake", opened.handshakes())
                .add("failed", "failed", opened.failed(), 0);
        Cpu.add(metrics, cpu);
        if (opened.failed() > 0) {
            metrics.note(opened.failed() + " connections failed; first: " + opened.firstFailure());
        }
        return metrics;
    }
}
