package dev.switchboard.server;

import java.time.Duration;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void aSessionIsCountedWhileOpenAndNotAfterTheClientClosesIt() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            assertThat(ProtocolList.sessionsOnceSettled(server, "reverse", 1, SETTLE), is(1));
            assertThat(ProtocolList.sessions(server, "dumb-increment-protocol"), is(0));
        }
        assertThat(ProtocolList.sessionsOnceSettled(server, "reverse", 0, SETTLE), is(0));
    }

    @Test
    void aSessionTheServerClosesIsNoLongerCounted() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "dumb-increment-protocol")) {
            assertThat(ProtocolList.sessionsOnceSettled(server, "dumb-increment-protocol", 1, SETTLE), is(1));
            client.send("closeme\n");
            assertThat(client.awaitClose().code(), is(1001));
            assertThat(ProtocolList.sessionsOnceSettled(server, "dumb-increment-protocol", 0, SETTLE), is(0));
        }
    }

    @Test
    void aSessionClosedForAFragmentedMessageOverTheLimitIsNoLongerCounted() throws Exception {
        try (TestServer small = TestServer.start(TestServer.protocolsDirWithBuiltIns(), SMALL_LIMIT);
             TestClient client = TestClient.connect(small.ws(), "reverse")) {
            assertThat(ProtocolList.sessionsOnceSettled(small, "reverse", 1, SETTLE), is(1));
            // Each frame is under the limit; together they are over it.
            client.sendInParts("x".repeat(600), "x".repeat(600));
            assertThat(client.awaitClose().code(), is(1009));
            assertThat(ProtocolList.sessionsOnceSettled(small, "reverse", 0, SETTLE), is(0));
        }
    }

    @Test
    void aSessionThatFailsToSendToAVanishedClientIsNoLongerCounted() throws Exception {
        // dumb-increment sends every 50 ms, so the vanished client shows up as a failed write at once.
        try (TestServer own = TestServer.startWithBuiltIns();
             FrameClient handshake = FrameClient.upgrade(own.port(), "/", List.of("dumb-increment-protocol"))) {
            assertThat(handshake.readText(), is("0"));
            handshake.drop();
            assertThat(ProtocolList.sessionsOnceSettled(own, "dumb-increment-protocol", 0, SETTLE), is(0));
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
            assertThat(ProtocolList.sessionsOnceSettled(own, "dumb-increment-protocol", 0, Duration.ofSeconds(10)), is(0));
        }
    }
}
