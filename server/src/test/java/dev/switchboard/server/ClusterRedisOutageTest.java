package dev.switchboard.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Redis stopped while two nodes run, then started again, empty, on the same port: while it is down, health names each
 * node degraded with the reason and a publish's stage fails at once; once it is back, the nodes reconnect, their
 * subscriptions are restored, publishing and delivery work again on both, and health is up.
 *
 * <p>The "rooms" test plugin: {@code pubwait TEXT} publishes and answers {@code published} or
 * {@code publish failed <exception>} when the publish's stage completes.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterRedisOutageTest {

    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @TempDir
    Path tempDir;
    private Path protocols;

    @BeforeEach
    void copyRooms() throws IOException {
        protocols = Files.createDirectories(tempDir.resolve("protocols"));
        TestPlugins.copyInto(protocols, "rooms");
    }

    @Test
    void nodesDegradeWhileRedisIsDownAndRecoverWhenItIsBack() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer a = node(redis, "a");
             TestServer b = node(redis, "b");
             TestClient onA = join(a);
             TestClient onB = join(b)) {
            onA.send("pubwait before");
            assertThat(onA.nextText(), is("before"));
            assertThat(onA.nextText(), is("published"));
            assertThat(onB.nextText(), is("before"));
            assertThat(health(a), containsString("\"state\":\"up\""));

            redis.stop();
            String degraded = awaitHealth(a, h -> h.contains("\"state\":\"degraded\""));
            assertThat(degraded, containsString("unreachable"));
            assertThat(degraded, containsString("127.0.0.1:" + redis.port()));
            awaitHealth(b, h -> h.contains("\"state\":\"degraded\""));
            assertThat(ProtocolList.of(a).json(), containsString("\"connected\":false"));

            onA.send("pubwait lost");
            assertThat(onA.nextText(), startsWith("publish failed"));
            assertThat("nothing reaches the members while Redis is down", onB.poll(Duration.ofMillis(300)),
                       is((Object) null));
            try (TestClient joining = TestClient.connect(URI.create(a.ws() + "?room=outage"), "rooms")) {
                assertThat("a join fails, and the protocol's open with it", joining.awaitClose().code(), is(1011));
            }

            redis.restart();
            awaitHealth(a, h -> h.contains("\"state\":\"up\""));
            awaitHealth(b, h -> h.contains("\"state\":\"up\""));
            assertThat(health(a), not(containsString("reason")));

            // The subscriptions come back just after the connections: probe until a message crosses.
            awaitCrossing(onA, onB, "after-a");
            awaitCrossing(onB, onA, "after-b");
            onA.send("pubwait again");
            assertThat(onA.nextText(), is("again"));
            assertThat(onA.nextText(), is("published"));
            assertThat(onB.nextText(), is("again"));
            assertThat(ProtocolList.of(a).json(), containsString("\"connected\":true"));
            assertThat(ClusterNodes.get(a, "/observe/metrics"), containsString("switchboard_cluster_reconnects_total"));
        }
    }

    @Test
    void aChannelKeepsItsBacklogAfterRedisRestartedEmpty() throws Exception {
        // Rooms whose name starts with "b" keep the latest 5 messages.
        try (RedisServer redis = RedisServer.start();
             TestServer a = node(redis, "a");
             TestServer b = node(redis, "b");
             TestClient onA = join(a, "b-restart")) {
            redis.restart();
            awaitHealth(a, h -> h.contains("\"state\":\"up\""));
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            String answer;
            do {
                onA.send("pubwait probe");
                answer = onA.nextText();
                if (answer.equals("probe")) {
                    answer = onA.nextText();
                }
            } while (!answer.equals("published") && System.nanoTime() < deadline);
            assertThat(answer, is("published"));
            for (String text : List.of("one", "two", "three")) {
                onA.send("pubwait " + text);
                assertThat(onA.nextText(), is(text));
                assertThat(onA.nextText(), is("published"));
            }
            try (TestClient late = TestClient.connect(URI.create(b.ws() + "?room=b-restart"), "rooms")) {
                List<String> received = new ArrayList<>();
                String text;
                while (!(text = late.nextText()).startsWith("joined ")) {
                    received.add(text);
                }
                assertThat("the backlog, kept since the restart: " + received,
                           received.subList(Math.max(0, received.size() - 3), received.size()),
                           is(List.of("one", "two", "three")));
            }
        }
    }

    private TestServer node(RedisServer redis, String name) {
        return TestServer.start(protocols, "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: " + name + "\n");
    }

    private static TestClient join(TestServer server) throws Exception {
        return join(server, "outage");
    }

    private static TestClient join(TestServer server, String room) throws Exception {
        TestClient client = TestClient.connect(URI.create(server.ws() + "?room=" + room), "rooms");
        assertThat(client.nextText(), is("joined " + room + " true again=false"));
        return client;
    }

    // Publishes numbered probes from one member until the other receives one, then drains the publisher's copies.
    private static void awaitCrossing(TestClient from, TestClient to, String probe) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            from.send("pubwait " + probe + i);
            Object received = to.poll(Duration.ofMillis(500));
            if (received != null) {
                assertThat(received.toString(), startsWith(probe));
                drain(from);
                drain(to);
                return;
            }
        }
        throw new AssertionError(probe + ": no message crossed within " + RECOVERY);
    }

    private static void drain(TestClient client) throws InterruptedException {
        while (client.poll(Duration.ofMillis(300)) != null) {
            // Probes and their answers.
        }
    }

    private static String health(TestServer server) throws Exception {
        return ClusterNodes.get(server, "/observe/health/ready");
    }

    private static String awaitHealth(TestServer server, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = health(server);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health did not change within " + RECOVERY + ": " + last);
    }
}
