package dev.switchboard.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * What {@code bench compare} runs: each entry a scenario with fixed parameters, run on each target that speaks its
 * protocol.
 */
final class Suite {

    /**
     * One line of the suite.
     *
     * @param id       its name in reports and {@code --only}
     * @param scenario the scenario
     * @param options  the scenario's options
     * @param targets  the targets it runs on
     * @param headline the metrics shown in the comparison table
     */
    record Entry(String id, String scenario, Map<String, String> options, List<String> targets, List<String> headline) {
    }

    private static final List<String> ALL = List.of("switchboard", "helidon", "libwebsockets");
    // libwebsockets' test server has no echo protocol.
    private static final List<String> JAVA = List.of("switchboard", "helidon");
    // Only Switchboard negotiates permessage-deflate among the three.
    private static final List<String> SWITCHBOARD = List.of("switchboard");
    private static final List<String> MESSAGE_HEADLINE = List.of("msgs_per_s", "rtt_p50_ms", "rtt_p99_ms",
            "wire_in_per_msg", "wire_out_per_msg", "server_cpu_pct", "generator_cpu_pct");
    private static final List<String> FANOUT_HEADLINE = List.of("deliveries_per_s", "latency_p50_ms", "latency_p99_ms",
            "lost", "wire_in_per_msg", "wire_out_per_msg", "server_cpu_pct", "generator_cpu_pct");
    private static final List<String> CLUSTER_HEADLINE = List.of("deliveries_per_s", "latency_p50_ms",
            "latency_p99_ms", "lost", "reordered", "server_cpu_pct", "redis_cpu_pct", "generator_cpu_pct");
    private static final List<String> ECHO_HEADLINE = List.of("msgs_per_s", "rtt_p50_ms", "rtt_p99_ms",
            "server_cpu_pct", "generator_cpu_pct");
    private static final List<String> STREAM_HEADLINE = List.of("rate_median", "rate_p1", "behind", "ahead",
            "gap_p99_ms", "server_cpu_pct", "generator_cpu_pct");
    private static final List<String> CONNECT_HEADLINE = List.of("conns_per_s", "handshake_p50_ms",
            "handshake_p99_ms", "failed", "server_cpu_pct", "generator_cpu_pct");
    private static final List<String> IDLE_HEADLINE = List.of("rss_per_conn_kib", "heap_per_conn_kib", "rss_after_mib",
            "still_open");

    private Suite() {
    }

    /**
     * The suite behind the bars of issues 7 and 18, the compressed scenarios of issue 13 and the cluster ones of 14.
     *
     * @return the entries
     */
    static List<Entry> full() {
        return List.of(
                new Entry("echo", "echo", Map.of("connections", "100", "in-flight", "4", "size", "64"), JAVA,
                          ECHO_HEADLINE),
                new Entry("stream", "stream", Map.of("connections", "10000"), ALL, STREAM_HEADLINE),
                new Entry("fanout-300", "fanout", Map.of("connections", "1000", "rate", "300"), ALL,
                          List.of("deliveries_per_s", "latency_p50_ms", "latency_p99_ms", "lost", "reordered",
                                  "server_cpu_pct", "generator_cpu_pct")),
                new Entry("fanout-flat", "fanout", Map.of("connections", "100", "rate", "0"), ALL,
                          List.of("deliveries_per_s", "latency_p50_ms", "latency_p99_ms", "lost", "reordered",
                                  "server_cpu_pct", "generator_cpu_pct")),
                // Issue 14: the same fan-outs on three Switchboard nodes sharing one redis-server, the receivers spread
                // evenly over them, the sender on the first; their single-node twins are fanout-300 and fanout-flat.
                new Entry("fanout-cluster", "fanout", Map.of("connections", "1000", "rate", "300", "nodes", "3"),
                          SWITCHBOARD, CLUSTER_HEADLINE),
                new Entry("fanout-cluster-flat", "fanout", Map.of("connections", "100", "rate", "0", "nodes", "3"),
                          SWITCHBOARD, CLUSTER_HEADLINE),
                new Entry("connect", "connect", Map.of("connections", "10000", "protocol", "lws-mirror-protocol"), ALL,
                          CONNECT_HEADLINE),
                new Entry("idle", "idle", Map.of("connections", "10000", "protocol", "lws-mirror-protocol",
                                                 "duration", "5s"), ALL,
                          List.of("rss_per_conn_kib", "heap_per_conn_kib", "rss_after_mib", "still_open")),
                // Issue 18: the shapes of its table. One message in flight is a request/response protocol, where a
                // window of four hides a slow reply path; 512 handshakes at once is how its connect rate was taken.
                new Entry("echo-100x1", "echo", Map.of("connections", "100", "in-flight", "1", "size", "64"), JAVA,
                          ECHO_HEADLINE),
                new Entry("echo-1000x1", "echo", Map.of("connections", "1000", "in-flight", "1", "size", "64"), JAVA,
                          ECHO_HEADLINE),
                new Entry("echo-1000x4", "echo", Map.of("connections", "1000", "in-flight", "4", "size", "64"), JAVA,
                          ECHO_HEADLINE),
                new Entry("stream-5000", "stream", Map.of("connections", "5000"), ALL, STREAM_HEADLINE),
                // A JVM's handshake path is compiled over its first tens of thousands of connections (C2 took 30%
                // of the server's core then, and the rate climbed from 5k/s to 15k/s; 10 s of warm-up still left
                // Switchboard at 0.74x of libwebsockets, 30 s at 0.85-1.10x): 30 s of warm-up rounds measure the
                // steady server, as libwebsockets' C is from its first connection.
                new Entry("connect-512", "connect", Map.of("connections", "5000", "concurrency", "512", "protocol",
                                                           "lws-mirror-protocol", "warmup", "30s"), ALL,
                          CONNECT_HEADLINE),
                // Issue 18's open loop: 10 of 100 receivers read at 64 KiB/s, a sixteenth of the ~1 MB/s offered to
                // each, so their buffers fill within seconds and backpressure reaches the server. The sender keeps a
                // fixed rate, 100,000 deliveries/s, rather than going flat out: the fast receivers' shortfall from it
                // is then the slow readers' doing, not the server's speed. 20 s measured, past Switchboard's 10 s
                // send timeout.
                new Entry("fanout-slow", "fanout", Map.of("connections", "100", "slow-readers", "10", "read-rate",
                                                          "64KiB", "rate", "1000", "size", "1024", "duration", "20s"),
                          ALL, List.of("sent_per_s", "fast_deliveries_per_s", "fast_latency_p99_ms",
                                       "fast_latency_max_ms", "fast_lost", "slow_bytes_per_s", "slow_open",
                                       "slow_closed", "slow_reset", "slow_cut", "rss_start_mib", "rss_end_mib",
                                       "server_cpu_pct", "generator_cpu_pct")),
                // Issue 13: each compressed scenario next to its uncompressed twin, same JSON-like payload, on the
                // target that negotiates permessage-deflate.
                new Entry("echo-json", "echo", Map.of("connections", "100", "in-flight", "4", "size", "1024",
                                                      "payload", "json"), SWITCHBOARD, MESSAGE_HEADLINE),
                new Entry("echo-deflate", "echo-deflate", Map.of("connections", "100", "in-flight", "4", "size",
                                                                 "1024"), SWITCHBOARD, MESSAGE_HEADLINE),
                new Entry("fanout-json", "fanout", Map.of("connections", "100", "rate", "1000", "size", "1024",
                                                          "payload", "json"), SWITCHBOARD, FANOUT_HEADLINE),
                new Entry("fanout-deflate", "fanout-deflate", Map.of("connections", "100", "rate", "1000", "size",
                                                                     "1024"), SWITCHBOARD, FANOUT_HEADLINE),
                new Entry("idle-echo", "idle", Map.of("connections", "10000", "protocol", "echo", "duration", "5s"),
                          SWITCHBOARD, IDLE_HEADLINE),
                new Entry("idle-deflate", "idle-deflate", Map.of("connections", "10000", "duration", "5s"),
                          SWITCHBOARD, IDLE_HEADLINE));
    }

    /**
     * A few seconds per entry with small numbers: checks that everything starts and measures, not how fast.
     *
     * @return the entries
     */
    static List<Entry> quick() {
        return full().stream().map(e -> new Entry(e.id(), e.scenario(), quick(e), e.targets(), e.headline())).toList();
    }

    private static Map<String, String> quick(Entry e) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(e.options());
        options.put("connections", e.id().equals("fanout-300") ? "20" : "50");
        options.put("warmup", "500ms");
        options.put("duration", "1s");
        options.put("runs", "1");
        return options;
    }
}
