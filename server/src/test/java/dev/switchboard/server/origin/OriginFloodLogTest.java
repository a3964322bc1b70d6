package dev.switchboard.server.origin;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.switchboard.server.handshake.HandshakeFilter;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A page that has its visitors open socket after socket from a foreign origin gets every one refused and counted,
 * but cannot flood the server's log: ten lines at once, then one a second.
 */
class OriginFloodLogTest {

    private static final int REFUSALS = 40;
    private static final int BURST = 10;

    @TempDir
    Path tempDir;

    // Held strongly: java.util.logging forgets loggers nobody references, and the handler with them.
    private final Logger filterLogger = Logger.getLogger(HandshakeFilter.class.getName());

    @Test
    void aFloodOfForeignOriginsIsRefusedAndCountedInFullButLoggedInMeasure() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        filterLogger.addHandler(capture);
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir), "")) {
            long start = System.nanoTime();
            for (int i = 0; i < REFUSALS; i++) {
                assertThat(refusal(server, "https://evil" + i + ".example").statusCode(), is(403));
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertThat(String.join("\n", lines), lines.size(), lessThanOrEqualTo(BURST + (int) seconds + 1));
            // Said on the line that spent the allowance (the tenth, unless the handshakes were slow).
            assertThat(lines, hasItem(containsString("further refusals are logged at most once every")));
            assertThat(MetricsScrape.of(server).count("switchboard_handshakes_refused_total", "protocol", "echo",
                                                      "reason", "origin", "status", "403"),
                       is((long) REFUSALS));
        } finally {
            filterLogger.removeHandler(capture);
        }
    }

    private static HttpResponse<?> refusal(TestServer server, String origin) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                                                  () -> TestClient.connect(server.ws(), Map.of("Origin", origin),
                                                                           "echo"));
        assertThat(failure.getCause(), instanceOf(WebSocketHandshakeException.class));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse();
    }
}
