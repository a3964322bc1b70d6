package dev.switchboard.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code GET /protocols} counts each protocol's open sessions, and a session stops counting however its connection
 * ends. A session that keeps counting also never gets its handler's {@code onClose}, so these tests stand for that
 * too.
 *
 * <p>Tests that end connections unusually start their own server, so a session one of them leaks cannot skew the
 * counts of another.
 */
class SessionCountTest {

    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String SMALL_LIMIT = "  max-message-size: 1KiB\n";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithBuiltIns();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSessionIsCountedWhileOpenAndNotAfterTheClientClosesIt() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            assertThat(sessionsOnceSettled(server, "reverse", 1, SETTLE), is(1));
            assertThat(sessions(server, "dumb-increment-protocol"), is(0));
        }
        assertThat(sessionsOnceSettled(server, "reverse", 0, SETTLE), is(0));
    }

    @Test
    void aSessionTheServerClosesIsNoLongerCounted() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "dumb-increment-protocol")) {
            assertThat(sessionsOnceSettled(server, "dumb-increment-protocol", 1, SETTLE), is(1));
            client.send("closeme\n");
            assertThat(client.awaitClose().code(), is(1001));
            assertThat(sessionsOnceSettled(server, "dumb-increment-protocol", 0, SETTLE), is(0));
        }
    }

    @Test
    void aSessionClosedForAFragmentedMessageOverTheLimitIsNoLongerCounted() throws Exception {
        try (TestServer small = TestServer.start(TestServer.protocolsDirWithBuiltIns(), SMALL_LIMIT);
             TestClient client = TestClient.connect(small.ws(), "reverse")) {
            assertThat(sessionsOnceSettled(small, "reverse", 1, SETTLE), is(1));
            // Each frame is under the limit; together they are over it.
            client.sendPart("x".repeat(600), false);
            client.sendPart("x".repeat(600), true);
            assertThat(client.awaitClose().code(), is(1009));
            assertThat(sessionsOnceSettled(small, "reverse", 0, SETTLE), is(0));
        }
    }

    @Test
    void aSessionThatFailsToSendToAVanishedClientIsNoLongerCounted() throws Exception {
        // dumb-increment sends every 50 ms, so the vanished client shows up as a failed write at once.
        try (TestServer own = TestServer.startWithBuiltIns();
             FrameClient handshake = FrameClient.upgrade(own.port(), "/", List.of("dumb-increment-protocol"))) {
            assertThat(handshake.readText(), is("0"));
            handshake.drop();
            assertThat(sessionsOnceSettled(own, "dumb-increment-protocol", 0, SETTLE), is(0));
        }
    }

    @Test
    void aSessionWhoseClientNeverAnswersTheCloseFrameIsNoLongerCountedAfterTheCloseTimeout() throws Exception {
        try (TestServer own = TestServer.startWithBuiltIns();
             FrameClient handshake = FrameClient.upgrade(own.port(), "/", List.of("dumb-increment-protocol"))) {
            handshake.sendText("closeme\n");
            InboundFrame frame = handshake.readFrame();
            while (frame.opcode() == FrameClient.TEXT) {
                frame = handshake.readFrame();
            }
            assertThat(frame.closeCode(), is(1001));
            // The client does not answer; the server gives up after its 5 s close timeout.
            assertThat(sessionsOnceSettled(own, "dumb-increment-protocol", 0, Duration.ofSeconds(10)), is(0));
        }
    }

    /**
     * Polls the count until it is {@code expected} or {@code wait} has passed.
     *
     * @return the last count seen
     */
    private static int sessionsOnceSettled(TestServer on, String protocol, int expected, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        int sessions = sessions(on, protocol);
        while (sessions != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            sessions = sessions(on, protocol);
        }
        return sessions;
    }

    private static int sessions(TestServer on, String protocol) throws Exception {
        String json = HTTP.send(HttpRequest.newBuilder(on.http("/protocols")).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
        Matcher entry = Pattern.compile("\\{\"name\":\"" + Pattern.quote(protocol) + "\"[^{}]*?\"sessions\":(\\d+)")
                .matcher(json);
        if (!entry.find()) {
            throw new AssertionError("no session count for " + protocol + " in " + json);
        }
        return Integer.parseInt(entry.group(1));
    }
}
