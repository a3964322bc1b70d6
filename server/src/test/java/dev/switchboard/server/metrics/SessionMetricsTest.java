package dev.switchboard.server.metrics;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The per-protocol session and message series of {@code /observe/metrics} move exactly as a scripted session does,
 * and a server takes its series with it when it stops.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionMetricsTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String ECHO = "echo";

    @Test
    void twoEchoSessionsThreeMessagesOneNormalCloseAndOneProtocolError() throws Exception {
        try (TestServer server = TestServer.startWithBuiltIns()) {
            TestClient polite = TestClient.connect(server.ws(), ECHO);
            FrameClient rude = FrameClient.connect(server.port(), ECHO);

            polite.send("hello");
            assertThat(polite.nextText(), is("hello"));
            polite.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7}));
            assertThat(polite.nextBinary().remaining(), is(7));
            // Three characters, four UTF-8 bytes.
            rude.sendText("añb");
            assertThat(rude.readText(), is("añb"));

            MetricsScrape open = MetricsScrape.of(server);
            assertThat(open.series("switchboard_sessions_open"), open.count("switchboard_sessions_open",
                                                                             "protocol", ECHO), is(2L));
            assertThat(open.count("switchboard_sessions_opened_total", "protocol", ECHO), is(2L));

            polite.close();
            // RSV1 without an extension that defines it: 1002, before the frame's payload is read.
            rude.send(OutboundFrame.text("x").rsv(FrameClient.RSV1));
            FrameClient.Ending ending = rude.awaitEnd(SETTLE);
            assertThat(ending.toString(), ending.code(), is(1002));
            rude.close();

            MetricsScrape scrape = MetricsScrape.awaitUntil(server, SETTLE, s -> s.countOrZero(
                    "switchboard_sessions_closed_total", "protocol", ECHO, "code", "1002") == 1
                    && s.count("switchboard_sessions_open", "protocol", ECHO) == 0);
            String closed = scrape.series("switchboard_sessions_closed_total");
            assertThat(closed, scrape.count("switchboard_sessions_closed_total", "protocol", ECHO, "code", "1000"),
                       is(1L));
            assertThat(closed, scrape.count("switchboard_sessions_closed_total", "protocol", ECHO, "code", "1002"),
                       is(1L));
            assertThat(scrape.count("switchboard_sessions_open", "protocol", ECHO), is(0L));
            assertThat(scrape.count("switchboard_sessions_opened_total", "protocol", ECHO), is(2L));
            assertThat(scrape.count("switchboard_messages_received_total", "protocol", ECHO), is(3L));
            assertThat(scrape.count("switchboard_messages_sent_total", "protocol", ECHO), is(3L));
            assertThat(scrape.count("switchboard_received_bytes_total", "protocol", ECHO), is(5L + 7 + 4));
            assertThat(scrape.count("switchboard_sent_bytes_total", "protocol", ECHO), is(5L + 7 + 4));
            // Every served protocol has its series from the start; the others did nothing.
            assertThat(scrape.count("switchboard_sessions_opened_total", "protocol", "reverse"), is(0L));
            assertThat(scrape.count("switchboard_messages_received_total", "protocol", "reverse"), is(0L));
            assertThat(scrape.count("switchboard_sessions_open", "protocol", "dumb-increment-protocol"), is(0L));
        }
    }

    @Test
    void aServerStartedAfterAnotherStoppedCountsFromZero() throws Exception {
        try (TestServer earlier = TestServer.startWithBuiltIns();
             TestClient client = TestClient.connect(earlier.ws(), ECHO)) {
            client.send("counted by the earlier server");
            assertThat(client.nextText(), is("counted by the earlier server"));
        }
        try (TestServer later = TestServer.startWithBuiltIns()) {
            MetricsScrape scrape = MetricsScrape.of(later);
            assertThat(scrape.count("switchboard_sessions_opened_total", "protocol", ECHO), is(0L));
            assertThat(scrape.count("switchboard_messages_received_total", "protocol", ECHO), is(0L));
        }
    }
}
