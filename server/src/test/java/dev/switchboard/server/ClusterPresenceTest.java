package dev.switchboard.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.switchboard.server.StatusClient.Connection;
import dev.switchboard.server.StatusClient.Document;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Presence across a cluster, on a real redis-server and Switchboard nodes in this JVM: {@code lws-status} (and so
 * {@code ServerConnections}) on any node lists every node's connections with their node names, follows opens and
 * closes on other nodes, and drops a node that stops cleanly at once; {@code /protocols} lists the members.
 */
class ClusterPresenceTest {

    private static final Duration CLEAN_LEAVE_LIMIT = Duration.ofSeconds(2);

    @Test
    void everyNodeListsEveryNodesConnectionsWithTheirNodeNames() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer a = ClusterNodes.node(redis, "node-a", "");
             TestServer b = ClusterNodes.node(redis, "node-b", "");
             TestServer c = ClusterNodes.node(redis, "node-c", "");
             StatusClient onA = StatusClient.connect(a.port(), "presence/a");
             StatusClient onB = StatusClient.connect(b.port(), "presence/b")) {
            Document seen;
            try (StatusClient onC = StatusClient.connect(c.port(), "presence/c")) {
                seen = onA.awaitDocument("the three nodes' connections", document -> document.wsi().equals("3"));
                assertThat(node(seen, "presence/a"), is("node-a"));
                assertThat(node(seen, "presence/b"), is("node-b"));
                assertThat(node(seen, "presence/c"), is("node-c"));
                assertThat(seen.nodes(), is(List.of("node-a", "node-b", "node-c")));
                assertThat("a remote id is qualified by its node", entry(seen, "presence/c").id(), startsWith("node-c/"));
                assertThat("the local id is the session's", entry(seen, "presence/a").id(), startsWith("s"));
                assertThat(entry(seen, "presence/b").protocol(), is("lws-status"));
                assertThat(entry(seen, "presence/b").peer(), is("127.0.0.1"));

                Document onNodeC = onC.awaitDocument("the three nodes' connections", d -> d.wsi().equals("3"));
                assertThat(node(onNodeC, "presence/a"), is("node-a"));
                assertThat("each node qualifies the others' ids", entry(onNodeC, "presence/a").id(),
                           startsWith("node-a/"));

                MetricsScrape metrics = MetricsScrape.awaitUntil(a, Duration.ofSeconds(5), scrape ->
                        scrape.value("switchboard_cluster_nodes", "node", "node-a").orElse(0.0) == 3
                                && scrape.value("switchboard_cluster_remote_connections", "node", "node-a")
                                        .orElse(0.0) == 2);
                assertThat(metrics.value("switchboard_cluster_nodes", "node", "node-a"), is(Optional.of(3.0)));
                assertThat(metrics.value("switchboard_cluster_remote_connections", "node", "node-a"),
                           is(Optional.of(2.0)));

                String protocols = ProtocolList.of(b).json();
                assertThat(protocols, containsString("{\"node\":\"node-a\",\"connections\":1,"));
                assertThat(protocols, containsString("{\"node\":\"node-c\",\"connections\":1,"));
                assertThat(protocols, containsString("\"self\":true}"));
            }
            long closedAt = System.nanoTime();
            Document afterClose = onA.awaitDocument("node-c's connection gone", d -> !d.lists("presence/c"));
            System.out.println("ClusterPresenceTest: a close on node-c left node-a's list after "
                                       + Duration.ofNanos(System.nanoTime() - closedAt).toMillis() + " ms");
            assertThat(afterClose.wsi(), is("2"));
            assertThat(afterClose.nodes(), is(List.of("node-a", "node-b")));
            onB.awaitDocument("node-c's connection gone", d -> !d.lists("presence/c") && d.wsi().equals("2"));
        }
    }

    @Test
    void aNodeStoppedCleanlyLeavesTheOtherNodesListsAtOnce() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer a = ClusterNodes.node(redis, "stays", "");
             StatusClient onA = StatusClient.connect(a.port(), "presence/stays")) {
            TestServer b = ClusterNodes.node(redis, "stops", "");
            try (StatusClient onB = StatusClient.connect(b.port(), "presence/stops")) {
                onA.awaitDocument("node stops' connection", d -> d.lists("presence/stops"));
                assertThat(ProtocolList.of(a).json(), containsString("{\"node\":\"stops\""));
                long stopping = System.nanoTime();
                Thread stopper = Thread.ofVirtual().start(b::close);
                Document gone = awaitWithin(onA, Duration.ofSeconds(5), d -> !d.nodes().contains("stops"));
                Duration took = Duration.ofNanos(System.nanoTime() - stopping);
                System.out.println("ClusterPresenceTest: a node stopped cleanly left the list after "
                                           + took.toMillis() + " ms");
                assertThat(took, lessThan(CLEAN_LEAVE_LIMIT));
                assertThat(gone.wsi(), is("1"));
                stopper.join();
                assertThat(ProtocolList.of(a).json(), not(containsString("\"stops\"")));
            } finally {
                b.close();
            }
        }
    }

    @Test
    void whileRedisIsDownTheOtherNodesEntriesAreDroppedAfterATimeToLiveAndComeBackAfterIt() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer a = ClusterNodes.node(redis, "left-side", "");
             TestServer b = ClusterNodes.node(redis, "right-side", "");
             StatusClient onA = StatusClient.connect(a.port(), "presence/left");
             StatusClient onB = StatusClient.connect(b.port(), "presence/right")) {
            onA.awaitDocument("the other node's connection", d -> d.lists("presence/right"));
            redis.stop();
            long stoppedAt = System.nanoTime();
            // Up to a time to live (10 s) after the last answered heartbeat, plus one heartbeat (2 s).
            Document alone = awaitWithin(onA, Duration.ofSeconds(20), d -> !d.lists("presence/right"));
            System.out.println("ClusterPresenceTest: with Redis down, the other node's entries were dropped after "
                                       + Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis() + " ms");
            assertThat(alone.nodes(), is(List.of("left-side")));
            assertThat("kept until the time to live passed", Duration.ofNanos(System.nanoTime() - stoppedAt),
                       org.hamcrest.Matchers.greaterThan(Duration.ofSeconds(7)));
            assertThat(ProtocolList.of(a).json(), not(containsString("right-side")));

            redis.restart();
            long restartedAt = System.nanoTime();
            Document again = awaitWithin(onA, Duration.ofSeconds(20), d -> d.lists("presence/right"));
            System.out.println("ClusterPresenceTest: after Redis came back (empty), the other node was listed again"
                                       + " after " + Duration.ofNanos(System.nanoTime() - restartedAt).toMillis()
                                       + " ms");
            assertThat(node(again, "presence/right"), is("right-side"));
            onB.awaitDocument("the first node again", d -> d.lists("presence/left"));
        }
    }

    static Connection entry(Document document, String userAgent) {
        return document.conns().stream().filter(connection -> connection.ua().equals(userAgent)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + userAgent + " in " + document.json()));
    }

    static String node(Document document, String userAgent) {
        return entry(document, userAgent).node();
    }

    /** Reads documents until one matches, within {@code limit}. */
    static Document awaitWithin(StatusClient client, Duration limit, Predicate<Document> condition)
            throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        Document last = null;
        while (System.nanoTime() < deadline) {
            try {
                Document document = client.next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                if (condition.test(document)) {
                    return document;
                }
                last = document;
            } catch (SocketTimeoutException e) {
                // Checked against the deadline.
            }
        }
        throw new AssertionError("no matching document within " + limit + "; the last: "
                                         + (last == null ? "none" : last.json()));
    }
}
