package dev.switchboard.server.metrics;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

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
 * Every call into a protocol that throws counts once in {@code switchboard_plugin_errors_total}, under the call's
 * name.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginErrorMetricsTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String ERRORS = "switchboard_plugin_errors_total";
    private static final String FAULTY = "faulty";

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("faulty");

    @Test
    void eachFailingCallCountsUnderItsEvent() throws Exception {
        try (TestClient text = TestClient.connect(server.ws(), FAULTY)) {
            text.send("fine");
            assertThat(text.nextText(), is("fine"));
            text.send("throw");
            assertThat(text.awaitClose().code(), is(1011));
        }
        try (TestClient binary = TestClient.connect(server.ws(), FAULTY)) {
            binary.send(ByteBuffer.wrap(new byte[] {1}));
            assertThat(binary.awaitClose().code(), is(1011));
        }
        try (FrameClient open = FrameClient.upgrade(server.port(), "/?fail-open", List.of(FAULTY))) {
            assertThat(open.status(), is(101));
            assertThat(open.awaitEnd(SETTLE).code(), is(1011));
        }

        MetricsScrape scrape = MetricsScrape.awaitUntil(server, SETTLE, s -> s.countOrZero(
                "switchboard_sessions_closed_total", "protocol", FAULTY, "code", "1011") == 3
                && s.count(ERRORS, "protocol", FAULTY, "event", "onClose") == 2);
        String series = scrape.series(ERRORS);
        assertThat(series, scrape.count(ERRORS, "protocol", FAULTY, "event", "timer"), is(1L));
        assertThat(series, scrape.count(ERRORS, "protocol", FAULTY, "event", "open"), is(1L));
        assertThat(series, scrape.count(ERRORS, "protocol", FAULTY, "event", "onText"), is(1L));
        assertThat(series, scrape.count(ERRORS, "protocol", FAULTY, "event", "onBinary"), is(1L));
        // The two sessions that opened; the third never had a handler to close.
        assertThat(series, scrape.count(ERRORS, "protocol", FAULTY, "event", "onClose"), is(2L));
        assertThat(series, scrape.count(ERRORS, "protocol", FAULTY, "event", "accept"), is(0L));
        assertThat(scrape.count("switchboard_sessions_opened_total", "protocol", FAULTY), is(3L));
        assertThat(scrape.series("switchboard_sessions_closed_total"),
                   scrape.count("switchboard_sessions_closed_total", "protocol", FAULTY, "code", "1011"), is(3L));
        assertThat(scrape.count(ERRORS, "protocol", "echo", "event", "onText"), is(0L));
    }
}
