package dev.switchboard.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static dev.switchboard.server.testing.NumberedMessages.numbered;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * A late joiner on the other node: it receives the backlog kept in Redis, then the live messages, with nothing
 * missing in between and nothing twice, while a member on the first node keeps publishing through its join.
 */
class ClusterMirrorBacklogTest {

    private static final String INSTANCE = "cluster-backlog";
    private static final int BACKLOG = 5;
    private static final int BEFORE = 20;
    private static final int DURING = 400;

    @Test
    void lateJoinerOnTheOtherNodeGetsTheBacklogThenLiveMessagesWithoutGapOrDuplicate() throws Exception {
        String options = "      backlog: " + BACKLOG + "\n";
        try (RedisServer redis = RedisServer.start();
             TestServer a = ClusterNodes.node(redis, "a", options);
             TestServer b = ClusterNodes.node(redis, "b", options);
             TestClient publisher = Mirror.member(a, INSTANCE)) {
            for (int i = 0; i < BEFORE; i++) {
                publisher.send("m" + i);
            }
            List<String> early = publisher.nextTexts(BEFORE);
            assertThat(early.getLast(), is("m" + (BEFORE - 1)));

            // A quiet join first: exactly the backlog, the latest BACKLOG messages.
            try (TestClient quiet = Mirror.join(b, INSTANCE)) {
                List<String> backlog = quiet.nextTexts(BACKLOG);
                assertThat(backlog, is(numbered("m", BEFORE - BACKLOG, BEFORE)));
                assertThat("nothing more than the backlog", quiet.poll(java.time.Duration.ofMillis(300)),
                           is((Object) null));
            }

            // Then a join while the publisher publishes without pause.
            int last = BEFORE + DURING - 1;
            TestClient late;
            try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
                Future<?> publishing = thread.submit(() -> {
                    for (int i = BEFORE; i <= last; i++) {
                        publisher.send("m" + i);
                    }
                    return null;
                });
                Thread.sleep(5);
                late = Mirror.join(b, INSTANCE);
                publishing.get(30, TimeUnit.SECONDS);
            }
            try (TestClient joined = late) {
                List<String> received = new ArrayList<>();
                String text;
                do {
                    text = joined.nextText();
                    received.add(text);
                } while (!text.equals("m" + last));
                int first = Integer.parseInt(received.getFirst().substring(1));
                assertThat("an unbroken run up to the last message: " + received, received,
                           is(numbered("m", first, last + 1)));
                assertThat("at least the backlog", received.size(), greaterThanOrEqualTo(BACKLOG));
            }
            assertThat(publisher.nextTexts(DURING).getLast(), is("m" + last));
        }
    }
}
