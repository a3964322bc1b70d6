package dev.switchboard.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The {@code dumb-increment-protocol} end to end: one number per interval per connection, reset and closeme.
 * Timing assertions are deliberately loose: they tell 20 numbers a second from 10 or 40, nothing finer.
 */
class DumbIncrementProtocolTest {

    private static final String PROTOCOL = "dumb-increment-protocol";
    // Long enough that a busy machine's pauses are a small part of it.
    private static final Duration WINDOW = Duration.ofSeconds(3);
    // What one connection counts in the window at the default 50 ms: 60 and the "0" at open, loosely.
    private static final Matcher<Integer> COUNT_AT_THE_DEFAULT_RATE =
            allOf(greaterThanOrEqualTo(35), lessThanOrEqualTo(90));

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void numbersCountUpFromZeroWithoutGaps() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), PROTOCOL)) {
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                numbers.add(client.nextText());
            }
            assertThat(numbers, is(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")));
        }
    }

    @Test
    void numbersComeAboutFiftyMillisecondsApart() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), PROTOCOL)) {
            assertThat(client.nextText(), is("0"));
            // Timed from "1", which comes an interval after the open, so the test thread is already waiting for it.
            assertThat(client.nextText(), is("1"));
            long start = System.nanoTime();
            for (int i = 2; i <= 10; i++) {
                assertThat(client.nextText(), is(Integer.toString(i)));
            }
            long spanMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // Nine intervals of 50 ms: 450 ms.
            assertThat(spanMillis, allOf(greaterThanOrEqualTo(350L), lessThanOrEqualTo(1500L)));
        }
    }

    @Test
    void resetStartsTheNumbersAgainFromZero() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), PROTOCOL)) {
            assertCountsUpTo(client, 5);
            client.send("reset\n");
            // Numbers already on their way when the reset arrived continue the old count; then "0" comes.
            List<String> stragglers = new ArrayList<>();
            String next = client.nextText();
            while (!next.equals("0") && stragglers.size() < 3) {
                stragglers.add(next);
                next = client.nextText();
            }
            assertThat("numbers after reset: " + stragglers + ", then " + next, next, is("0"));
            assertThat(stragglers.size(), lessThanOrEqualTo(2));
            assertThat(client.nextText(), is("1"));
            assertThat(client.nextText(), is("2"));
        }
    }

    @Test
    void resetIsAPrefixCommandAndOtherTextIsIgnored() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), PROTOCOL)) {
            assertCountsUpTo(client, 3);
            client.send("reset");
            client.send("hello\n");
            long previous = 3;
            for (int i = 0; i < 4; i++) {
                long number = Long.parseLong(client.nextText());
                assertThat(number, is(previous + 1));
                previous = number;
            }
            client.send("reset\nand more");
            String next = client.nextText();
            for (int i = 0; i < 3 && !next.equals("0"); i++) {
                next = client.nextText();
            }
            assertThat(next, is("0"));
        }
    }

    @Test
    void closemeClosesWith1001Seeya() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), PROTOCOL)) {
            assertThat(client.nextText(), is("0"));
            client.send("closeme\n");
            assertThat(client.awaitClose(), is(new TestClient.Closed(1001, "seeya")));
        }
    }

    @Test
    void twoConnectionsEachGetAboutTwentyNumbersASecondNotForty() throws Exception {
        try (TestClient first = TestClient.connect(server.ws(), PROTOCOL);
             TestClient second = TestClient.connect(server.ws(), PROTOCOL)) {
            Thread.sleep(WINDOW);
            int firstCount = countInOrder(first);
            int secondCount = countInOrder(second);
            // Not shared between them: libwebsockets' behaviour would be about 120 each.
            assertThat(firstCount, COUNT_AT_THE_DEFAULT_RATE);
            assertThat(secondCount, COUNT_AT_THE_DEFAULT_RATE);
        }
    }

    @Test
    void aLongerConfiguredIntervalLowersTheRate() throws Exception {
        try (TestServer slow = TestServer.start(TestServer.protocolsDirWithBuiltIns(),
                                                "  protocols:\n    dumb-increment-protocol:\n      interval: 100ms\n");
             TestClient slowClient = TestClient.connect(slow.ws(), PROTOCOL);
             TestClient defaultClient = TestClient.connect(server.ws(), PROTOCOL)) {
            Thread.sleep(WINDOW);
            int slowCount = countInOrder(slowClient);
            int defaultCount = countInOrder(defaultClient);
            // About 31 against about 61.
            assertThat(slowCount, allOf(greaterThanOrEqualTo(18), lessThanOrEqualTo(45)));
            assertThat(defaultCount, COUNT_AT_THE_DEFAULT_RATE);
        }
    }

    // The numbers from 0 to last, each in turn.
    private static void assertCountsUpTo(TestClient client, int last) throws Exception {
        for (int i = 0; i <= last; i++) {
            assertThat(client.nextText(), is(Integer.toString(i)));
        }
    }

    /**
     * Counts the messages a client has received so far, checking they are "0", "1", "2", ...
     */
    private static int countInOrder(TestClient client) throws Exception {
        int count = 0;
        for (Object message = client.poll(Duration.ZERO); message != null; message = client.poll(Duration.ZERO)) {
            assertThat(message, is(Integer.toString(count)));
            count++;
        }
        return count;
    }
}
