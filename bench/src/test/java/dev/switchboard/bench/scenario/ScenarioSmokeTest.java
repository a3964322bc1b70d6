package dev.switchboard.bench.scenario;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.report.ScenarioReport;
import dev.switchboard.bench.targets.Target;
import dev.switchboard.bench.targets.Targets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A few seconds of each scenario against a real Switchboard, started from {@code server/target/switchboard.jar} on an
 * ephemeral port, as {@code bench compare} starts it. Checks that every scenario connects, measures and reports sane
 * numbers (traffic flowed, nothing lost); it asserts nothing about speed.
 */
class ScenarioSmokeTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static Target switchboard;

    @BeforeAll
    static void startSwitchboard() {
        switchboard = Targets.switchboard(null, List.of("-Xmx256m"));
    }

    @AfterAll
    static void stopSwitchboard() {
        if (switchboard != null) {
            switchboard.close();
        }
    }

    @Test
    void echoMeasuresRoundTrips() throws Exception {
        Metrics m = run("echo", "--connections", "10", "--in-flight", "2");
        assertTrue(m.value("msgs_per_s") > 0, "round trips/s");
        assertTrue(m.value("rtt_p50_ms") > 0, "RTT p50");
        assertEquals(0, m.value("closed"), "connections lost");
    }

    @Test
    void streamMeasuresEveryConnectionsRate() throws Exception {
        Metrics m = run("stream", "--connections", "20");
        assertTrue(m.value("rate_median") > 0, "rate per connection");
        assertTrue(m.value("gap_p50_ms") > 0, "gap p50");
        assertEquals(0, m.value("missed"), "counter values skipped");
        assertEquals(0, m.value("closed"), "connections lost");
    }

    @Test
    void fanoutFlatOutLosesNothing() throws Exception {
        Metrics m = run("fanout", "--connections", "10", "--mirror", "smoke-flat");
        assertTrue(m.value("deliveries_per_s") > 0, "deliveries/s");
        assertEquals(0, m.value("lost"), "lost");
        assertEquals(0, m.value("reordered"), "reordered");
        assertEquals(0, m.value("malformed"), "malformed");
    }

    @Test
    void fanoutAtARateLosesNothing() throws Exception {
        Metrics m = run("fanout", "--connections", "10", "--rate", "200", "--mirror", "smoke-rate");
        assertTrue(m.value("deliveries_per_s") > 0, "deliveries/s");
        assertTrue(m.value("latency_p50_ms") > 0, "latency p50");
        assertEquals(0, m.value("lost"), "lost");
        assertEquals(0, m.value("reordered"), "reordered");
    }

    @Test
    void connectCountsHandshakes() throws Exception {
        Metrics m = run("connect", "--connections", "50");
        assertTrue(m.value("conns_per_s") > 0, "connections/s");
        assertEquals(0, m.value("failed"), "failed");
    }

    @Test
    void idleReadsTheServersMemory() throws Exception {
        Metrics m = run("idle", "--connections", "50", "--duration", "500ms");
        assertTrue(m.value("rss_after_mib") > 0, "server RSS");
        assertTrue(m.value("heap_after_mib") > 0, "server heap (jcmd)");
        assertEquals(50, m.value("still_open"), "connections still open");
    }

    @Test
    void rawHelidonAnchorStartsAndEchoes() throws Exception {
        try (Target helidon = Targets.helidon(null, List.of("-Xmx256m"))) {
            ScenarioReport report = Runner.run("echo", options("--connections", "5"), "helidon", helidon.url(),
                                               helidon.pid(), QUIET);
            assertTrue(report.median().value("msgs_per_s") > 0, "round trips/s");
        }
    }

    private static Metrics run(String scenario, String... args) throws Exception {
        ScenarioReport report = Runner.run(scenario, options(args), "switchboard", switchboard.url(),
                                           switchboard.pid(), QUIET);
        return report.median();
    }

    private static Options options(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warmup", "300ms", "--duration", "1200ms", "--runs", "1", "--threads", "1"));
        return Options.parse(all);
    }
}
