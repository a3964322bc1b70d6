package dev.switchboard.bench.scenario;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.switchboard.bench.client.ClientEngine;
import dev.switchboard.bench.client.DeflateOffer;
import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.report.ScenarioReport;
import dev.switchboard.bench.system.Proc;

/**
 * Runs a scenario against a server several times, each run on a fresh client engine, and reports the medians.
 *
 * <p>Options every scenario takes: {@code --protocol}, {@code --warmup} (default 2s), {@code --duration} (default
 * 10s), {@code --runs} (default 3), {@code --threads} (event loops, default: the CPUs this process may use),
 * {@code --concurrency} (handshakes in progress while connecting, default 100), {@code --source-ips} (spread
 * connections over 127.0.0.1..n, default 0: the kernel picks), {@code --deflate} (offer permessage-deflate: off,
 * context-takeover, no-context-takeover; off unless the scenario is a compressed variant).
 */
public final class Runner {

    /** The scenarios, by name. */
    public static final Map<String, Supplier<Scenario>> SCENARIOS = scenarios();

    private Runner() {
    }

    private static Map<String, Supplier<Scenario>> scenarios() {
        Map<String, Supplier<Scenario>> all = new LinkedHashMap<>();
        all.put("echo", () -> new EchoScenario(false));
        all.put("stream", StreamScenario::new);
        all.put("fanout", () -> new FanoutScenario(false));
        all.put("connect", ConnectScenario::new);
        all.put("idle", () -> new IdleScenario(false));
        all.put("echo-deflate", () -> new EchoScenario(true));
        all.put("fanout-deflate", () -> new FanoutScenario(true));
        all.put("idle-deflate", () -> new IdleScenario(true));
        return all;
    }

    /**
     * Runs a scenario.
     *
     * @param name      the scenario's name
     * @param options   the command line
     * @param target    the target's name for the report (the URL when none)
     * @param url       the server
     * @param serverPid the server's process id, or -1
     * @param log       where progress goes
     * @return the report
     * @throws Exception if a run fails
     */
    public static ScenarioReport run(String name, Options options, String target, WsUrl url, long serverPid,
                                     PrintStream log) throws Exception {
        return run(name, options, target, () -> new Server(url, serverPid, () -> { }), log);
    }

    /**
     * A server for one run: one node, or the nodes of a cluster and the Redis server they share.
     *
     * @param urls     its nodes' URLs
     * @param pids     its nodes' process ids, in the same order (-1 if unknown)
     * @param redisPid the cluster's Redis server, or -1
     * @param stop     stops it after the run (nothing, for a server the bench did not start)
     */
    public record Server(List<WsUrl> urls, List<Long> pids, long redisPid, Runnable stop) {

        /**
         * A single node.
         *
         * @param url  its URL
         * @param pid  its process id, or -1
         * @param stop stops it after the run
         */
        public Server(WsUrl url, long pid, Runnable stop) {
            this(List.of(url), List.of(pid), -1, stop);
        }

        /**
         * The first node's URL.
         *
         * @return the URL
         */
        public WsUrl url() {
            return urls.getFirst();
        }

        /**
         * The first node's process id.
         *
         * @return the pid, or -1
         */
        public long pid() {
            return pids.getFirst();
        }
    }

    /**
     * Runs a scenario, each run against a server of its own: a fresh process per run makes runs independent (the idle
     * scenario's memory baseline above all).
     *
     * @param name    the scenario's name
     * @param options the command line
     * @param target  the target's name for the report
     * @param servers starts the server for a run
     * @param log     where progress goes
     * @return the report
     * @throws Exception if a run fails
     */
    public static ScenarioReport run(String name, Options options, String target, Supplier<Server> servers,
                                     PrintStream log) throws Exception {
        Supplier<Scenario> factory = SCENARIOS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + SCENARIOS.keySet());
        }
        Scenario scenario = factory.get();
        Scenario.Configuration configuration = scenario.configure(options);
        Map<String, String> parameters = new LinkedHashMap<>(configuration.shown());
        String protocol = options.string("protocol", scenario.defaultProtocol());
        Duration warmup = options.duration("warmup", Duration.ofSeconds(2));
        Duration duration = options.duration("duration", Duration.ofSeconds(10));
        int runs = options.integer("runs", 3, 1);
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors(), 1);
        int concurrency = options.integer("concurrency", 100, 1);
        int sourceIps = options.integer("source-ips", 0, 0);
        Duration coalesce = options.duration("coalesce", scenario.defaultCoalesce());
        DeflateOffer deflate = DeflateOffer.parse(options.string("deflate", scenario.defaultDeflate().option()));
        parameters.put("protocol", protocol);
        parameters.put("warmup", warmup.toMillis() + "ms");
        parameters.put("duration", duration.toMillis() + "ms");
        parameters.put("runs", Integer.toString(runs));
        parameters.put("threads", threads + " (CPUs " + Proc.allowedCpus(ProcessHandle.current().pid()) + ")");
        if (deflate != DeflateOffer.OFF) {
            parameters.put("deflate", deflate.header());
        }
        if (!coalesce.isZero()) {
            parameters.put("coalesce", coalesce.toNanos() / 1000 + "us");
        }
        List<Metrics> results = new ArrayList<>();
        String url = null;
        for (int i = 1; i <= runs; i++) {
            Server server = servers.get();
            try (ClientEngine engine = ClientEngine.start(threads, sourceIps, coalesce.toNanos(), deflate)) {
                checkFileLimit(configuration.connections(), server.pid());
                url = server.url().toString();
                Run run = new Run(engine, server.urls(), protocol, server.pids(), server.redisPid(), warmup, duration,
                                  concurrency);
                Metrics metrics = scenario.run(run);
                results.add(metrics);
                log.println("  " + name + " on " + target + " run " + i + "/" + runs + ": " + headline(metrics));
            } finally {
                server.stop().run();
            }
        }
        return new ScenarioReport(name, target, url, parameters, results);
    }

    private static String headline(Metrics metrics) {
        StringBuilder line = new StringBuilder();
        int shown = 0;
        for (Metrics.Metric m : metrics.all()) {
            if (shown++ == 4) {
                break;
            }
            line.append(shown > 1 ? ", " : "").append(m.label()).append(' ')
                    .append(ScenarioReport.format(m.value(), m.decimals()));
        }
        return line.toString();
    }

    // Each connection is a file descriptor here and one in the server.
    private static void checkFileLimit(int connections, long serverPid) {
        long needed = connections + 200L;
        long own = Proc.openFileLimit(ProcessHandle.current().pid());
        if (own >= 0 && own < needed) {
            throw new IllegalStateException(connections + " connections need at least " + needed + " open files, but "
                    + "this process may open " + own + ": raise the limit (ulimit -n " + Math.max(needed, 65536)
                    + ") and start again");
        }
        if (serverPid > 0) {
            long server = Proc.openFileLimit(serverPid);
            if (server >= 0 && server < needed) {
                throw new IllegalStateException(connections + " connections need at least " + needed + " open files "
                        + "in the server, but process " + serverPid + " may open " + server + " (ulimit -n)");
            }
        }
    }
}
