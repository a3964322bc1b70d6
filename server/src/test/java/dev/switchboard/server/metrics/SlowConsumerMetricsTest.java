package dev.switchboard.server.metrics;

import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A client that stops reading is closed as a slow consumer, counted once, and its session counts as ended with 1008;
 * a client that reads is not counted.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowConsumerMetricsTest {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns()
            .plugins("flood")
            .yaml("  send-queue-limit: 256KiB\n  send-timeout: 2s\n");

    @Test
    void aClientThatNeverReadsCountsAsOneSlowConsumerClose() throws Exception {
        try (FrameClient stuck = FrameClient.connectWithSmallReceiveBuffer(server.port(), "flood").dropOnClose();
             TestClient echo = TestClient.connect(server.ws(), "echo")) {
            // The stuck client never reads from here on.
            echo.send("a reading client of another protocol");
            assertThat(echo.nextText(), is("a reading client of another protocol"));

            // The close is counted a moment before the session leaves the open gauge: wait for both.
            MetricsScrape scrape = MetricsScrape.awaitUntil(server, SETTLE, s -> s.countOrZero(
                    "switchboard_sessions_closed_total", "protocol", "flood", "code", "1008") == 1
                    && s.countOrZero("switchboard_sessions_open", "protocol", "flood") == 0);
            assertThat(scrape.series("switchboard_sessions_closed_total"),
                       scrape.countOrZero("switchboard_sessions_closed_total", "protocol", "flood", "code", "1008"),
                       is(1L));
            assertThat(scrape.count("switchboard_slow_consumer_closes_total", "protocol", "flood"), is(1L));
            assertThat(scrape.count("switchboard_slow_consumer_closes_total", "protocol", "echo"), is(0L));
            assertThat(scrape.count("switchboard_sessions_open", "protocol", "flood"), is(0L));
        }
    }
}
