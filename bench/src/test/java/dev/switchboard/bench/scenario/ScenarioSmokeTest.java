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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    // Each row: a scenario's command line, the numbers that must be above zero (traffic flowed), and the counts that
    // must be exact (nothing lost, every connection still there).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        echo --connections 10 --in-flight 2                    | msgs_per_s rtt_p50_ms | closed=0
        stream --connections 20                                | rate_median gap_p50_ms | missed=0 closed=0
        fanout --connections 10 --mirror smoke-flat            | deliveries_per_s | lost=0 reordered=0 malformed=0
        fanout --connections 10 --rate 200 --mirror smoke-rate | deliveries_per_s latency_p50_ms | lost=0 reordered=0
        connect --connections 50                               | conns_per_s | failed=0
        idle --connections 50 --duration 500ms                 | rss_after_mib heap_after_mib | still_open=50
        """)
    void scenarioMeasuresAndLosesNothing(String command, String positive, String exact) throws Exception {
        List<String> words = List.of(command.split(" "));
        Metrics m = run(words.getFirst(), words.subList(1, words.size()).toArray(String[]::new));
        for (String key : positive.split(" ")) {
            assertTrue(m.value(key) > 0, key);
        }
        for (String count : exact.split(" ")) {
            String[] keyAndValue = count.split("=");
            assertEquals(Double.parseDouble(keyAndValue[1]), m.value(keyAndValue[0]), keyAndValue[0]);
        }
    }

    // Two of ten receivers held to 16 KiB/s while 512 KB/s is offered to each: they read near their rate and no faster,
    // and the other eight get every record. Too short for Switchboard's send timeout (10 s) to close anyone.
    @Test
    void slowReadersReadAtTheirRateAndTheOthersLoseNothing() throws Exception {
        int readRate = 16 * 1024;
        Metrics m = run("fanout", "--connections", "10", "--slow-readers", "2", "--read-rate", "16KiB", "--rate",
                        "2000", "--size", "256", "--mirror", "smoke-slow");
        assertTrue(m.value("fast_deliveries_per_s") > 0, "fast receivers' deliveries/s");
        assertEquals(0, m.value("fast_lost"), "fast receivers' lost records");
        assertEquals(0, m.value("fast_reordered"), "fast receivers' reordered records");
        assertEquals(0, m.value("closed"), "fast receivers closed");
        double fastest = m.value("slow_bytes_per_s_max");
        assertTrue(fastest <= 1.1 * readRate, "the fastest slow receiver read " + fastest + " B/s");
        assertTrue(m.value("slow_bytes_per_s") >= 0.5 * readRate, "slow receivers read " + m.value("slow_bytes_per_s")
                + " B/s each");
        assertEquals(2, m.value("slow_open") + m.value("slow_closed") + m.value("slow_reset") + m.value("slow_cut"),
                     "every slow receiver's end is counted");
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
