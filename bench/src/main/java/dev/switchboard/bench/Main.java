package dev.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.compare.Compare;
import dev.switchboard.bench.report.ScenarioReport;
import dev.switchboard.bench.scenario.Options;
import dev.switchboard.bench.scenario.Runner;
import dev.switchboard.bench.system.Taskset;

/**
 * The command line of the load tool: {@code bench SCENARIO --url ws://...}, {@code bench compare},
 * {@code bench jmh}.
 */
public final class Main {

    private static final String USAGE = """
            Usage: ./switchboard bench SCENARIO --url ws://HOST:PORT/PATH [options]   drive a running server
                   ./switchboard bench compare [options]    Switchboard vs raw Helidon vs libwebsockets, pinned
                   ./switchboard bench jmh [JMH options]    microbenchmarks of the server's hot paths
                   (or: java -jar bench/target/switchboard-bench.jar ...)

            Scenarios (each: warm-up, measured duration, several runs, medians):
              echo     N connections, D messages of S bytes in flight each: round trips/s, RTT percentiles
                       --connections 100 --in-flight 1 --size 64 [--binary]            (protocol echo)
              stream   N receiving connections: rate per connection, gap percentiles, who fell behind
                       --connections 1000 --expected-rate 20 --tolerance 0.05  (dumb-increment-protocol)
              fanout   one sender, N receivers on one mirror instance: deliveries/s, latency, lost/reordered
                       --connections 100 --rate 0 (0 = flat out) --window 256 --size 32 --mirror bench
                                                                                 (lws-mirror-protocol)
                       --slow-readers K --read-rate 64KiB: K receivers read at most that a second; reports
                       fast and slow apart, how the slow ones ended, server RSS (with --server-pid)
              connect  open N connections as fast as possible: connections/s, handshake latency
                       --connections 1000                                               (protocol echo)
              idle     hold N idle connections: server RSS and heap per connection (needs --server-pid)
                       --connections 1000 --duration 5s                                 (protocol echo)
              echo-deflate    echo with permessage-deflate, 1 KiB JSON-like messages (--size, --payload json);
                              twin: echo --payload json --size 1024
              fanout-deflate  fanout the same way; twin: fanout --payload json --size 1024
              idle-deflate    idle; each connection first sends one compressed 1 KiB message (--size) and gets its
                              echo; twin: idle --protocol echo
              echo and fanout report wire bytes per message each way and message/wire bytes (the compression ratio)

            Common options:
              --protocol NAME      subprotocol to offer         --warmup 2s --duration 10s --runs 3
              --deflate[=MODE]     offer permessage-deflate: context-takeover (no MODE), no-context-takeover, off
              --payload json       echo, fanout: JSON-like text messages that compress ~2.4x at 1 KiB (default text)
              --threads N          event loops (default: CPUs this process may use)
              --concurrency N      handshakes in flight while connecting (100)
              --source-ips N       spread connections over 127.0.0.1..127.0.0.N (for many connections)
              --server-pid PID     read the server's CPU and memory from /proc
              --pin CPUS           pin this generator to CPUS (taskset), e.g. 1
              --json FILE          also write the results as JSON

            compare options:
              --server-cpus 0 --generator-cpus 1   pinning (default when the machine has 2+ CPUs)
              --targets switchboard,helidon,libwebsockets
              --only echo,stream,fanout-300,fanout-flat,connect,idle,echo-json,echo-deflate,fanout-json,
                     fanout-deflate,idle-echo,idle-deflate                  --quick (a short smoke suite)
              --server-jvm "-Xms64m -Xmx512m -XX:+UseSerialGC"   JVM options of the two Java servers
            """;

    private Main() {
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        try {
            if (args[0].equals("jmh")) {
                org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
                return;
            }
            Options options = Options.parse(List.of(args).subList(1, args.length));
            if (options.has("pin")) {
                Taskset.pin(options.string("pin", null));
            }
            List<String> output = new ArrayList<>();
            if (args[0].equals("compare")) {
                output.add(Compare.run(options, System.out));
            } else {
                String url = options.string("url", null);
                if (url == null) {
                    throw new IllegalArgumentException("--url ws://HOST:PORT/PATH is required (or use compare)");
                }
                long pid = Long.parseLong(options.string("server-pid", "-1"));
                ScenarioReport report = Runner.run(args[0], options, url, WsUrl.parse(url), pid, System.err);
                System.out.print(report.table());
                output.add(report.json());
            }
            String json = options.string("json", null);
            List<String> unread = options.unread();
            if (!unread.isEmpty()) {
                System.err.println("bench: options not used by " + args[0] + ": " + unread);
            }
            if (json != null) {
                Files.writeString(Path.of(json), output.get(0) + "\n");
                System.err.println("bench: wrote " + json);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
        // Loops are daemon threads; nothing else keeps the JVM up.
        System.exit(0);
    }
}
