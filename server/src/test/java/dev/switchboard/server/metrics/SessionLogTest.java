package dev.switchboard.server.metrics;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * One INFO line on {@code switchboard.sessions} per closed session, naming its id, peer, protocol, duration, messages
 * and bytes each way, and the close code and reason; a reason with line breaks stays on the one line.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionLogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern LINE = Pattern.compile(
            "Session (s\\d+) closed: peer=127\\.0\\.0\\.1:(\\d+) protocol=(\\S+) duration=(\\d+\\.\\d{3})s "
                    + "messages-in=(\\d+) messages-out=(\\d+) bytes-in=(\\d+) bytes-out=(\\d+) code=(\\d+) "
                    + "reason=(\".*\")");

    private LogCapture log;

    @BeforeEach
    void captureSessionLog() {
        log = LogCapture.of(SessionLog.LOGGER_NAME);
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aClosedSessionLogsOneLineWithItsCounts() throws Exception {
        try (TestServer server = TestServer.startWithBuiltIns();
             FrameClient client = FrameClient.connect(server.port(), "echo")) {
            client.sendText("one");
            assertThat(client.readText(), is("one"));
            client.sendText("three");
            assertThat(client.readText(), is("three"));
            client.send(OutboundFrame.close(1000, "done"));
            FrameClient.Ending ending = client.awaitEnd(WAIT);
            assertThat(ending.toString(), ending.code(), is(1000));

            String message = next();
            Matcher line = LINE.matcher(message);
            assertThat(message, line.matches(), is(true));
            assertThat(message, line.group(2), is(Integer.toString(client.localPort())));
            assertThat(line.group(3), is("echo"));
            assertThat(line.group(5), is("2"));
            assertThat(line.group(6), is("2"));
            assertThat(line.group(7), is("8"));
            assertThat(line.group(8), is("8"));
            assertThat(line.group(9), is("1000"));
            assertThat(line.group(10), is("\"done\""));
            Thread.sleep(200);
            assertThat("one line per session", log.messages(), hasSize(1));
        }
    }

    @Test
    void aReasonWithLineBreaksAndQuotesIsEscaped() throws Exception {
        try (TestServer server = TestServer.startWithBuiltIns();
             FrameClient client = FrameClient.connect(server.port(), "reverse")) {
            client.send(OutboundFrame.close(4000, "bye\nINFO forged \"line\""));
            FrameClient.Ending ending = client.awaitEnd(WAIT);
            assertThat(ending.toString(), ending.code(), is(4000));

            String message = next();
            assertThat(message, not(containsString("\n")));
            Matcher line = LINE.matcher(message);
            assertThat(message, line.matches(), is(true));
            assertThat(line.group(3), is("reverse"));
            assertThat(line.group(9), is("4000"));
            assertThat(line.group(10), is("\"bye\\nINFO forged \\\"line\\\"\""));
        }
    }

    @Test
    void aBrokenConnectionLogs1006WithTheCause() throws Exception {
        try (TestServer server = TestServer.startWithBuiltIns()) {
            try (FrameClient client = FrameClient.connect(server.port(), "echo")) {
                client.sendText("before the reset");
                assertThat(client.readText(), is("before the reset"));
                client.reset();
            }
            Matcher line = LINE.matcher(next());
            assertThat(line.matches(), is(true));
            assertThat(line.group(5), is("1"));
            assertThat(line.group(9), is("1006"));
            assertThat(line.group(10), not(is("\"\"")));
        }
    }

    // The first line at INFO: each test closes one session.
    private String next() throws InterruptedException {
        return log.await(Level.INFO, message -> true);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.000s", "7000000, 0.007s", "42499999, 0.042s", "42500000, 0.043s", "999999600, 1.000s",
                "61050000000, 61.050s"})
    void theDurationIsInSecondsRoundedToMilliseconds(long nanos, String written) {
        String line = SessionLog.line(new SessionLog.Record("s1", new InetSocketAddress("127.0.0.1", 5000), "echo",
                                                            Duration.ofNanos(nanos), 0, 0, 0, 0, 1000, ""));
        assertThat(line, containsString(" duration=" + written + " "));
    }
}
