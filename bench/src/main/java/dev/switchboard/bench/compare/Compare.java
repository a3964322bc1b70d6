package dev.switchboard.bench.compare;

import java.io.PrintStream;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.report.ScenarioReport;
import dev.switchboard.bench.scenario.Options;
import dev.switchboard.bench.scenario.Runner;
import dev.switchboard.bench.system.Proc;
import dev.switchboard.bench.system.Taskset;
import dev.switchboard.bench.targets.SwitchboardCluster;
import dev.switchboard.bench.targets.Target;
import dev.switchboard.bench.targets.Targets;

import io.helidon.json.JsonGenerator;

/**
 * {@code bench compare}: runs the same scenarios, with the same generator and the same pinning, against Switchboard,
 * a raw Helidon 4.5.0 WebSocket server and libwebsockets' test server, one server process at a time, and prints each
 * report, a table of medians with ratios, and the bars of issue 7.
 */
public final class Compare {

    /** JVM options of the two Java servers unless {@code --server-jvm} says otherwise. */
    public static final String DEFAULT_SERVER_JVM = "-Xms64m -Xmx512m -XX:+UseSerialGC";
    private static final List<String> PASSED_THROUGH = List.of("warmup", "duration", "runs", "threads", "concurrency",
                                                                "source-ips");

    private Compare() {
    }

    /**
     * Runs the comparison.
     *
     * @param options the command line
     * @param out     where reports go
     * @return the whole result as JSON
     * @throws Exception if pinning fails
     */
    public static String run(Options options, PrintStream out) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        boolean quick = options.flag("quick");
        List<Suite.Entry> suite = quick ? Suite.quick() : Suite.full();
        List<String> only = list(options.string("only", ""));
        List<String> targets = new ArrayList<>(list(options.string("targets", String.join(",", Targets.NAMES))));
        String serverCpus = cpuOption(options.string("server-cpus", cpus >= 2 ? "0" : "none"));
        String generatorCpus = cpuOption(options.string("generator-cpus", cpus >= 2 ? Integer.toString(cpus - 1)
                : "none"));
        List<String> serverJvm = list(options.string("server-jvm", DEFAULT_SERVER_JVM).replace(' ', ','));
        Map<String, String> common = new LinkedHashMap<>();
        common.put("warmup", "2s");
        common.put("duration", "5s");
        for (String name : PASSED_THROUGH) {
            if (options.has(name)) {
                common.put(name, options.string(name, null));
            }
        }
        if (targets.contains("libwebsockets") && !Targets.onPath("libwebsockets-test-server")) {
            out.println("compare: libwebsockets-test-server is not installed: running without the libwebsockets "
                                + "anchor (Debian: apt-get install libwebsockets-test-server)");
            targets.remove("libwebsockets");
        }
        if (generatorCpus != null) {
            Taskset.pin(generatorCpus);
        }
        double loadBefore = Proc.loadAverage();
        String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        out.printf(Locale.ROOT, "compare: %s, %d CPUs, server on CPU %s, generator on CPU %s, server JVM %s, load "
                + "average %.2f%n", started, cpus, serverCpus == null ? "any" : serverCpus,
                   generatorCpus == null ? "any" : generatorCpus, serverJvm, loadBefore);
        if (loadBefore > 1.0) {
            out.println("compare: warning: the machine is busy (load average above 1.0): numbers may be disturbed");
        }

        Map<String, Map<String, ScenarioReport>> reports = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Suite.Entry entry : suite) {
            if (!only.isEmpty() && !only.contains(entry.id())) {
                continue;
            }
            Map<String, String> entryOptions = new LinkedHashMap<>(entry.options());
            common.forEach(entryOptions::putIfAbsent);
            // Given on the command line: wins over the suite's own timing.
            PASSED_THROUGH.stream().filter(options::has).forEach(n -> entryOptions.put(n, common.get(n)));
            for (String target : entry.targets()) {
                if (!targets.contains(target)) {
                    continue;
                }
                out.println("compare: " + entry.id() + " on " + target + " " + entry.options());
                try {
                    // A fresh server process for every run: runs are independent, and the idle scenario's memory
                    // baseline is a server that has not served the previous run.
                    int nodes = Integer.parseInt(entryOptions.getOrDefault("nodes", "1"));
                    ScenarioReport report = Runner.run(entry.scenario(), Options.parse(List.of()).with(entryOptions),
                            target, () -> {
                                if (nodes > 1) {
                                    // A cluster: the nodes and their Redis all on the server CPUs.
                                    SwitchboardCluster cluster = SwitchboardCluster.start(nodes, serverCpus, serverJvm);
                                    return new Runner.Server(cluster.urls(), cluster.pids(), cluster.redisPid(),
                                                             cluster::close);
                                }
                                Target server = Targets.start(target, serverCpus, serverJvm);
                                return new Runner.Server(server.url(), server.pid(), server::close);
                            }, out);
                    out.print(report.table());
                    out.println();
                    reports.computeIfAbsent(entry.id(), k -> new LinkedHashMap<>()).put(target, report);
                } catch (Exception e) {
                    String failure = entry.id() + " on " + target + " failed: " + e.getMessage();
                    failures.add(failure);
                    out.println("compare: " + failure);
                }
                Thread.sleep(1000);
            }
        }
        double loadAfter = Proc.loadAverage();
        out.print(summary(suite, reports, targets));
        List<Bars.Verdict> verdicts = quick ? List.of() : Bars.judge(reports);
        for (Bars.Verdict v : verdicts) {
            out.printf(Locale.ROOT, "%-7s %s%n        %s%n", v.verdict(), v.bar(), v.numbers());
        }
        out.printf(Locale.ROOT, "compare: load average %.2f before, %.2f after%n", loadBefore, loadAfter);
        failures.forEach(f -> out.println("compare: FAILED " + f));
        return json(started, cpus, serverCpus, generatorCpus, serverJvm, loadBefore, loadAfter, reports, verdicts,
                    failures);
    }

    private static String summary(List<Suite.Entry> suite, Map<String, Map<String, ScenarioReport>> reports,
                                  List<String> targets) {
        StringBuilder out = new StringBuilder("== compare: medians ==\n");
        out.append(String.format(Locale.ROOT, "%-20s %-30s", "scenario", "metric"));
        for (String t : targets) {
            out.append(String.format(Locale.ROOT, " %14s", t));
        }
        boolean helidon = targets.contains("helidon");
        boolean lws = targets.contains("libwebsockets");
        out.append(helidon ? String.format(Locale.ROOT, " %9s", "sb/hel") : "");
        out.append(lws ? String.format(Locale.ROOT, " %9s", "sb/lws") : "");
        out.append('\n');
        for (Suite.Entry entry : suite) {
            Map<String, ScenarioReport> byTarget = reports.get(entry.id());
            if (byTarget == null) {
                continue;
            }
            for (String key : entry.headline()) {
                Metrics.Metric metric = byTarget.values().stream().flatMap(r -> r.median().all().stream())
                        .filter(m -> m.key().equals(key)).findFirst().orElse(null);
                if (metric == null) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "%-20s %-30s", entry.id(), metric.label()));
                for (String t : targets) {
                    ScenarioReport r = byTarget.get(t);
                    out.append(String.format(Locale.ROOT, " %14s",
                            r == null ? "" : ScenarioReport.format(r.median().value(key), metric.decimals())));
                }
                double sb = value(byTarget, "switchboard", key);
                out.append(helidon ? String.format(Locale.ROOT, " %9s", ratio(sb, value(byTarget, "helidon", key))) : "");
                out.append(lws ? String.format(Locale.ROOT, " %9s", ratio(sb, value(byTarget, "libwebsockets", key)))
                        : "");
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static double value(Map<String, ScenarioReport> byTarget, String target, String key) {
        ScenarioReport r = byTarget.get(target);
        return r == null ? Double.NaN : r.median().value(key);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String json(String started, int cpus, String serverCpus, String generatorCpus,
                               List<String> serverJvm, double loadBefore, double loadAfter,
                               Map<String, Map<String, ScenarioReport>> reports, List<Bars.Verdict> verdicts,
                               List<String> failures) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JsonGenerator.create(text)) {
            json.writeObjectStart().write("started", started).write("cpus", cpus)
                    .write("serverCpus", serverCpus == null ? "any" : serverCpus)
                    .write("generatorCpus", generatorCpus == null ? "any" : generatorCpus)
                    .write("serverJvm", String.join(" ", serverJvm));
            ScenarioReport.writeNumber(json, "loadBefore", loadBefore);
            ScenarioReport.writeNumber(json, "loadAfter", loadAfter);
            json.writeKey("reports").writeArrayStart();
            reports.values().forEach(byTarget -> byTarget.values().forEach(r -> r.writeTo(json)));
            json.writeArrayEnd();
            json.writeKey("bars").writeArrayStart();
            for (Bars.Verdict v : verdicts) {
                json.writeObjectStart().write("bar", v.bar()).write("verdict", v.verdict())
                        .write("numbers", v.numbers()).writeObjectEnd();
            }
            json.writeArrayEnd();
            json.writeKey("failures").writeArrayStart();
            failures.forEach(json::write);
            json.writeArrayEnd().writeObjectEnd();
        }
        return text.toString();
    }

    private static String cpuOption(String value) {
        return value == null || value.equals("none") || value.isBlank() ? null : value;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
