package dev.switchboard.bench.scenario;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.report.ScenarioReport;
import dev.switchboard.bench.targets.SwitchboardCluster;
import dev.switchboard.bench.targets.Targets;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * About a second of {@code bench compare}'s {@code fanout-cluster}: three Switchboard nodes from
 * {@code server/target/switchboard.jar} sharing one {@code redis-server}, the receivers spread over them. Checks that
 * the records reach every receiver, none lost or out of order, every node delivered some (its cluster meter), and
 * Redis's CPU is reported; it asserts nothing about speed.
 */
class ClusterFanoutSmokeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void fanoutOverThreeNodesOnOneRedisLosesNothingAndReportsRedisCpu() throws Exception {
        Assumptions.assumeTrue(Targets.onPath("redis-server"), "redis-server is not installed");
        try (SwitchboardCluster cluster = SwitchboardCluster.start(3, null, List.of("-Xmx256m"))) {
            assertEquals(3, cluster.urls().size(), "nodes");
            ScenarioReport report = Runner.run("fanout", Options.parse(List.of(
                    "--connections", "12", "--rate", "200", "--mirror", "smoke-cluster", "--nodes", "3",
                    "--warmup", "500ms", "--duration", "1200ms", "--runs", "1", "--threads", "1")), "switchboard",
                    () -> new Runner.Server(cluster.urls(), cluster.pids(), cluster.redisPid(), () -> { }), QUIET);
            Metrics m = report.median();
            assertTrue(m.value("deliveries_per_s") > 0, "deliveries/s");
            assertEquals(0, m.value("lost"), "lost");
            assertEquals(0, m.value("reordered"), "reordered");
            assertEquals(0, m.value("malformed"), "malformed");
            assertEquals(0, m.value("closed"), "connections lost");
            assertTrue(m.value("redis_cpu_pct") >= 0, "Redis CPU reported");
            assertTrue(report.parameters().getOrDefault("nodes", "").startsWith("3 on one Redis"),
                       "nodes shown: " + report.parameters());
            // Every node delivered what came back from Redis: the receivers were spread over all three.
            for (WsUrl node : cluster.urls()) {
                assertTrue(clusterDeliveries(node) > 0, "cluster deliveries on " + node);
            }
        }
    }

    // The node's switchboard_cluster_deliveries_total, from its own /observe/metrics.
    private static double clusterDeliveries(WsUrl node) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.uri().getPort()
                                                                             + "/observe/metrics")).build(),
                                   HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("switchboard_cluster_deliveries_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
