package dev.switchboard.server.accept;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * {@code switchboard.handshake-timeout}: a connection that has not sent its first request's headers in time is closed
 * (a slow-loris request line, a client that never sends a byte), while an upgraded session that stays quiet longer
 * than the timeout, or sends its messages slowly, is left alone.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandshakeTimeoutTest {

    /** The default timeout. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Far beyond the timeout, for a busy machine; a server without the timeout never closes at all. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @Test
    void aPartialRequestLineAndASilentConnectionAreClosedAtTheDefaultTimeout() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir), "");
             TestClient session = TestClient.connect(server.ws(), "echo");
             Socket partial = connect(server);
             Socket silent = connect(server)) {
            OutputStream out = partial.getOutputStream();
            out.write("GET / HT".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            CompletableFuture<Duration> silentClosed = CompletableFuture.supplyAsync(() -> timeUntilClosed(silent));
            Duration partialClosed = timeUntilClosed(partial);
            assertThat("the partial request closed after " + partialClosed, partialClosed, lessThan(CLOSE_WAIT));
            assertThat("not before its time", partialClosed, greaterThanOrEqualTo(DEFAULT_TIMEOUT.dividedBy(2)));
            assertThat(silentClosed.get(), lessThan(CLOSE_WAIT));

            // The session, open longer than the timeout by now, is still served.
            session.send("still here");
            assertThat(session.nextText(), is("still here"));
            assertThat(MetricsScrape.of(server).count("switchboard_handshake_timeouts_total"),
                       greaterThanOrEqualTo(2L));
        }
    }

    @Test
    void aQuietOrSlowSessionOutlivesAShortTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir),
                                                  "  handshake-timeout: 500ms\n");
             TestClient session = TestClient.connect(server.ws(), "echo");
             Socket silent = connect(server)) {
            Duration closed = timeUntilClosed(silent);
            assertThat("a silent connection closed after " + closed, closed, lessThan(CLOSE_WAIT));

            Thread.sleep(timeout.multipliedBy(4).toMillis());
            session.send("after a quiet while");
            assertThat(session.nextText(), is("after a quiet while"));
            // One message in parts spread over more than the timeout: a slow upload of the WebSocket kind.
            for (int i = 0; i < 4; i++) {
                session.sendPart("part " + i + ";", i == 3);
                Thread.sleep(timeout.dividedBy(2).toMillis());
            }
            assertThat(session.nextText(), is("part 0;part 1;part 2;part 3;"));
        }
    }

    private static Socket connect(TestServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return socket;
    }

    /**
     * How long until the server closes the connection: the end of the stream, or a reset. Fails if it stays open for
     * {@link #CLOSE_WAIT}.
     */
    static Duration timeUntilClosed(Socket socket) {
        long start = System.nanoTime();
        try {
            socket.setSoTimeout((int) CLOSE_WAIT.toMillis());
            while (socket.getInputStream().read() >= 0) {
                // A server may answer something before it closes; only the close counts.
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a connection without a complete request for " + CLOSE_WAIT);
        } catch (IOException reset) {
            // Closed too.
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
