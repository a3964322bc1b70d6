package dev.switchboard.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static dev.switchboard.server.testing.NumberedMessages.interleaves;
import static dev.switchboard.server.testing.NumberedMessages.numbered;
import static dev.switchboard.server.testing.NumberedMessages.sentBy;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * Two nodes on one Redis, members of one mirror instance on both, every member publishing at once: every member, on
 * either node, receives one and the same sequence, each sender's messages in the order it sent them.
 */
class ClusterMirrorOrderTest {

    private static final String INSTANCE = "cluster-order";
    private static final int MESSAGES_PER_SENDER = 300;

    @Test
    void concurrentSendersOnTwoNodesProduceOneOrderThatEveryMemberSees() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer a = ClusterNodes.node(redis, "a", "");
             TestServer b = ClusterNodes.node(redis, "b", "");
             Mirror.Members members = Mirror.members(INSTANCE, List.of(a, b, a, b))) {
            int senders = members.clients().size();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sending = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(senders)) {
                for (int s = 0; s < senders; s++) {
                    TestClient sender = members.get(s);
                    String prefix = "s" + s + "-";
                    sending.add(threads.submit(() -> {
                        go.await();
                        for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                            sender.send(prefix + i);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> done : sending) {
                    done.get(30, TimeUnit.SECONDS);
                }
            }
            int total = senders * MESSAGES_PER_SENDER;
            List<String> order = members.get(0).nextTexts(total);
            for (int s = 1; s < senders; s++) {
                assertThat("member " + s + " (node " + (s % 2 == 0 ? "a" : "b") + ") saw another order",
                           members.get(s).nextTexts(total), is(order));
            }
            for (int s = 0; s < senders; s++) {
                String prefix = "s" + s + "-";
                assertThat("sender " + s + "'s messages in the order it sent them", sentBy(prefix, order),
                           is(numbered(prefix, 0, MESSAGES_PER_SENDER)));
            }
            assertThat("the senders' messages interleave", interleaves(order, senders), is(true));
            String metrics = ClusterNodes.get(a, "/observe/metrics");
            for (String node : List.of("a", "b")) {
                assertThat(node + " publishes", counter(metrics, "switchboard_cluster_publishes_total", node),
                           is((double) total / 2 + 2));
                assertThat(node + " deliveries", counter(metrics, "switchboard_cluster_deliveries_total", node),
                           greaterThanOrEqualTo(2.0 * total));
                assertThat(node + " round trips", counter(metrics, "switchboard_cluster_publish_round_trip_seconds_count",
                                                          node), is((double) total / 2 + 2));
            }
        }
    }

    // The value of a series of that node, e.g. switchboard_cluster_publishes_total{node="a",scope="application"} 602.0
    private static double counter(String metrics, String series, String node) {
        Matcher value = Pattern.compile("(?m)^" + series + "\\{[^}]*node=\"" + node + "\"[^}]*\\} ([0-9.E]+)$")
                .matcher(metrics);
        if (!value.find()) {
            throw new AssertionError("no " + series + " of node " + node + " in:\n" + metrics);
        }
        return Double.parseDouble(value.group(1));
    }
}
