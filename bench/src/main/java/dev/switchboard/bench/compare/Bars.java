package dev.switchboard.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.bench.report.ScenarioReport;

/**
 * The bars of issues 7 and 18, each judged from one compare run: a ratio between targets or a bound, with the numbers
 * that decided it.
 */
final class Bars {

    /**
     * One bar's verdict.
     *
     * @param bar     what is asked
     * @param verdict {@code met}, {@code MISSED} or {@code n/a} (a target or scenario was not run)
     * @param numbers the numbers that decided it
     */
    record Verdict(String bar, String verdict, String numbers) {
    }

    // The rate an efficient C epoll client reaches on this machine against libwebsockets (mirror, 100 receivers).
    static final double C_CLIENT_DELIVERIES = 470_000;

    private Bars() {
    }

    static List<Verdict> judge(Map<String, Map<String, ScenarioReport>> reports) {
        List<Verdict> verdicts = new ArrayList<>();
        Lookup r = new Lookup(reports);

        double rate = r.get("stream", "switchboard", "rate_median");
        double p1 = r.get("stream", "switchboard", "rate_p1");
        double max = r.get("stream", "switchboard", "rate_max");
        double gap = r.get("stream", "switchboard", "gap_p99_ms");
        double behind = r.get("stream", "switchboard", "behind");
        verdicts.add(verdict("stream: 10,000 connections at 20 msgs/s each (within 5%), gap p99 < 60 ms",
                p1 >= 19 && max <= 21 && behind == 0 && gap < 60,
                fmt("rate median %.2f/s, p1 %.2f/s, max %.2f/s, behind %.0f, gap p99 %.1f ms", rate, p1, max, behind,
                    gap)));

        double d300 = r.get("fanout-300", "switchboard", "deliveries_per_s");
        double lost300 = r.get("fanout-300", "switchboard", "lost") + r.get("fanout-300", "switchboard", "reordered");
        double p99 = r.get("fanout-300", "switchboard", "latency_p99_ms");
        double lwsP99 = r.get("fanout-300", "libwebsockets", "latency_p99_ms");
        verdicts.add(verdict("mirror: 1,000 receivers at 300 msg/s: all 300k deliveries/s, none lost",
                d300 >= 0.99 * 300_000 && lost300 == 0,
                fmt("%.0f deliveries/s, lost+reordered %.0f", d300, lost300)));
        verdicts.add(verdict("mirror: p99 latency below libwebsockets' (1,000 receivers, 300 msg/s)", p99 < lwsP99,
                fmt("switchboard p99 %.2f ms, libwebsockets p99 %.2f ms", p99, lwsP99)));

        double flat = r.get("fanout-flat", "switchboard", "deliveries_per_s");
        double lwsFlat = r.get("fanout-flat", "libwebsockets", "deliveries_per_s");
        verdicts.add(verdict("mirror flat out, 100 receivers: deliveries/s >= libwebsockets'", flat >= lwsFlat,
                fmt("switchboard %.0f/s, libwebsockets %.0f/s (%.2fx)", flat, lwsFlat, flat / lwsFlat)));
        double genCpu = r.get("fanout-flat", "libwebsockets", "generator_cpu_pct");
        double lwsCpu = r.get("fanout-flat", "libwebsockets", "server_cpu_pct");
        verdicts.add(verdict("generator: >= 90% of the C client's ~470k deliveries/s against libwebsockets, "
                        + "below the server's CPU", lwsFlat >= 0.9 * C_CLIENT_DELIVERIES && genCpu < lwsCpu,
                fmt("%.0f deliveries/s (%.0f%% of 470k), generator CPU %.0f%%, server CPU %.0f%%", lwsFlat,
                    100 * lwsFlat / C_CLIENT_DELIVERIES, genCpu, lwsCpu)));

        double echo = r.get("echo", "switchboard", "msgs_per_s");
        double rawEcho = r.get("echo", "helidon", "msgs_per_s");
        double echoP99 = r.get("echo", "switchboard", "rtt_p99_ms");
        double rawP99 = r.get("echo", "helidon", "rtt_p99_ms");
        verdicts.add(verdict("echo: >= 0.95x raw Helidon round trips/s at 100 connections", echo >= 0.95 * rawEcho,
                fmt("switchboard %.0f/s, helidon %.0f/s (%.3fx)", echo, rawEcho, echo / rawEcho)));
        verdicts.add(verdict("echo: RTT p99 <= 1.1x raw Helidon's", echoP99 <= 1.1 * rawP99,
                fmt("switchboard %.3f ms, helidon %.3f ms (%.2fx)", echoP99, rawP99, echoP99 / rawP99)));

        // Issue 18: at each shape of its table, at least raw Helidon's rate and no worse a p99.
        for (String id : List.of("echo-100x1", "echo-1000x1", "echo", "echo-1000x4")) {
            double trips = r.get(id, "switchboard", "msgs_per_s");
            double rawTrips = r.get(id, "helidon", "msgs_per_s");
            double tripsP99 = r.get(id, "switchboard", "rtt_p99_ms");
            double rawTripsP99 = r.get(id, "helidon", "rtt_p99_ms");
            verdicts.add(verdict(id + ": round trips/s >= raw Helidon's, RTT p99 <= raw Helidon's",
                    trips >= rawTrips && tripsP99 <= rawTripsP99,
                    fmt("switchboard %.0f/s p99 %.3f ms, helidon %.0f/s p99 %.3f ms (%.3fx, p99 %.2fx)", trips,
                        tripsP99, rawTrips, rawTripsP99, trips / rawTrips, tripsP99 / rawTripsP99)));
        }
        double connect = r.get("connect-512", "switchboard", "conns_per_s");
        double lwsConnect = r.get("connect-512", "libwebsockets", "conns_per_s");
        verdicts.add(verdict("connect-512: connections/s >= 0.9x libwebsockets'", connect >= 0.9 * lwsConnect,
                fmt("switchboard %.0f/s, libwebsockets %.0f/s (%.2fx)", connect, lwsConnect,
                    connect / lwsConnect)));

        double rss = r.get("idle", "switchboard", "rss_per_conn_kib");
        double open = r.get("idle", "switchboard", "still_open");
        verdicts.add(verdict("idle: 10,000 idle connections cost <= 10 KB (10,000 bytes) of RSS each",
                rss * 1024 <= 10_000,
                fmt("%.2f KiB = %.0f bytes per connection, heap %.2f KiB, %.0f still open", rss, rss * 1024,
                    r.get("idle", "switchboard", "heap_per_conn_kib"), open)));
        return verdicts;
    }

    private static Verdict verdict(String bar, boolean met, String numbers) {
        boolean unknown = numbers.contains("NaN");
        return new Verdict(bar, unknown ? "n/a" : met ? "met" : "MISSED", numbers.replace("NaN", "-"));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private record Lookup(Map<String, Map<String, ScenarioReport>> reports) {
        double get(String entry, String target, String key) {
            Map<String, ScenarioReport> byTarget = reports.get(entry);
            ScenarioReport report = byTarget == null ? null : byTarget.get(target);
            return report == null ? Double.NaN : report.median().value(key);
        }
    }
}
