package dev.switchboard.bench.scenario;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.report.Metrics;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compressed scenarios end to end against node {@code ws} ({@code tools/node-ws-server.js} without server
 * context takeover and with a 256-byte threshold, as Switchboard's will be), a second each: traffic flows compressed
 * both ways, nothing is lost, and idle connections are held.
 */
class NodeWsScenarioTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static Process node;
    private static WsUrl url;

    @BeforeAll
    static void startNode() throws Exception {
        if (!new File("/usr/share/nodejs/ws").isDirectory()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("node", "tools/node-ws-server.js", "server-no-context-takeover",
                                                    "threshold=256").redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NODE_PATH", "/usr/share/nodejs");
        try {
            node = builder.start();
        } catch (java.io.IOException e) {
            return;
        }
        String line = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        url = WsUrl.parse("ws://127.0.0.1:" + line.substring(line.lastIndexOf(' ') + 1).trim() + "/");
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.destroy();
            node.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void echoDeflateCompressesBothWays() throws Exception {
        Metrics m = run("echo-deflate", "--connections", "4", "--in-flight", "2");
        assertTrue(m.value("msgs_per_s") > 0, "round trips/s");
        assertTrue(m.value("ratio_in") > 2, "1 KiB JSON from a server without context takeover: " + m.value("ratio_in"));
        assertTrue(m.value("ratio_out") > 2, "with the client's context kept: " + m.value("ratio_out"));
        assertEquals(0, m.value("closed"), "connections lost");
        assertTrue(m.notes().stream().noneMatch(n -> n.contains("not compressed")), m.notes().toString());
    }

    @Test
    void echoJsonIsTheUncompressedTwin() throws Exception {
        Metrics m = run("echo", "--connections", "4", "--in-flight", "2", "--payload", "json", "--size", "1024");
        assertTrue(m.value("ratio_in") < 1 && m.value("ratio_in") > 0.99, "framing only: " + m.value("ratio_in"));
        assertEquals(1028, m.value("wire_in_per_msg"), 0.01, "1 KiB and a 4-byte header");
    }

    @Test
    void fanoutDeflateLosesNothing() throws Exception {
        Metrics m = run("fanout-deflate", "--connections", "5", "--rate", "200", "--mirror", "deflate",
                        "--deflate", "no-context-takeover");
        assertTrue(m.value("deliveries_per_s") > 0, "deliveries/s");
        assertEquals(0, m.value("lost"), "lost");
        assertEquals(0, m.value("reordered"), "reordered");
        assertEquals(0, m.value("malformed"), "malformed");
        assertTrue(m.value("ratio_in") > 2, "compressed deliveries: " + m.value("ratio_in"));
    }

    @Test
    void idleDeflateSendsOneCompressedMessageEach() throws Exception {
        Metrics m = run("idle-deflate", "--connections", "20", "--duration", "300ms");
        assertEquals(20, m.value("still_open"), "connections still open");
        assertEquals(20, m.value("echoed"), "first messages echoed");
        assertEquals(20, m.value("echoed_compressed"), "echoes compressed (1 KiB is above the threshold)");
        assertTrue(m.value("rss_after_mib") > 0, "server RSS");
    }

    private static Metrics run(String scenario, String... args) throws Exception {
        assumeTrue(url != null, "node and Debian's node-ws are needed");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warmup", "300ms", "--duration", "1s", "--runs", "1", "--threads", "1"));
        return Runner.run(scenario, Options.parse(all), "node-ws", url, node.pid(), QUIET).median();
    }
}
