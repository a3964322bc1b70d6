package dev.switchboard.bench.scenario;

import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.CpuWindow;

/**
 * The CPU lines every scenario reports: whether the generator stayed below the server, and whether anything else ran.
 */
final class Cpu {

    private Cpu() {
    }

    static void add(Metrics metrics, CpuWindow cpu) {
        metrics.add("server_cpu_pct", "server CPU (% of a core)", cpu.serverPercent() < 0 ? Double.NaN
                : cpu.serverPercent(), 0);
        if (cpu.redisPercent() >= 0) {
            metrics.add("redis_cpu_pct", "Redis CPU (% of a core)", cpu.redisPercent(), 1);
        }
        metrics.add("generator_cpu_pct", "generator CPU (% of a core)", cpu.generatorPercent() < 0 ? Double.NaN
                : cpu.generatorPercent(), 0);
        metrics.add("other_cpu_pct", "other processes' CPU (%)", cpu.otherPercent() < 0 ? Double.NaN
                : cpu.otherPercent(), 0);
        metrics.add("load_avg", "load average (1 min)", cpu.loadAverage(), 2);
        if (cpu.generatorPercent() >= 90) {
            metrics.note(String.format("the generator was near its own limit (%.0f%% of its core): it may be what "
                    + "limits this result", cpu.generatorPercent()));
        } else if (cpu.serverPercent() >= 90 && cpu.generatorPercent() > cpu.serverPercent()) {
            metrics.note("the generator used more CPU than the saturated server: it may be measuring itself");
        }
        if (cpu.otherPercent() > 25) {
            metrics.note(String.format("other processes used %.0f%% of a CPU during the measurement", cpu.otherPercent()));
        }
    }
}
