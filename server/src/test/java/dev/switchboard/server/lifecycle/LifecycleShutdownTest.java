package dev.switchboard.server.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.HeldShutdown;
import dev.switchboard.server.testing.ServerPerTest;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * On SIGTERM the server stops accepting, closes every session with 1001, waits at most {@code shutdown-timeout}
 * for the replies and exits with code 0.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleShutdownTest {

    /** The default shutdown-timeout. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /** Beyond the shutdown timeout: JVM exit, Helidon's stop, a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(4);

    @RegisterExtension
    final ServerPerTest servers = ServerPerTest.withBuiltIns();

    @Test
    void sigtermClosesEveryClientWith1001AndExitsWith0() throws Exception {
        try (ServerProcess server = ServerProcess.start(TestServer.builtInProtocols(), "")) {
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    TestClient echo = TestClient.connect(server.ws(), "echo");
                    clients.add(echo);
                    echo.send("hello " + i);
                    assertThat(echo.nextText(), is("hello " + i));
                }
                for (int i = 0; i < 2; i++) {
                    TestClient numbers = TestClient.connect(server.ws(), "dumb-increment-protocol");
                    clients.add(numbers);
                    assertThat(numbers.nextText(), is("0"));
                }

                Sigterm sigterm = Sigterm.sendTo(server);

                for (TestClient client : clients) {
                    TestClient.Closed closed = client.awaitClose();
                    assertThat(closed.toString() + "\n" + server.output(), closed.code(), is(1001));
                }
                sigterm.assertExitsWith0Within(SHUTDOWN_TIMEOUT.plus(MARGIN));
            } finally {
                clients.forEach(TestClient::close);
            }
        }
    }

    @Test
    void sigtermExitsWithinTheShutdownTimeoutWhenAClientNeverAnswersTheClose() throws Exception {
        try (ServerProcess server = ServerProcess.start(TestServer.builtInProtocols(), "  shutdown-timeout: 1s\n");
             FrameClient mute = FrameClient.connect(server.port(), "echo").dropOnClose();
             TestClient polite = TestClient.connect(server.ws(), "echo")) {
            mute.sendText("hello");
            assertThat(mute.nextText(Duration.ofSeconds(10)), is("hello"));

            Sigterm sigterm = Sigterm.sendTo(server);

            FrameClient.Ending ending = mute.awaitEnd(Duration.ofSeconds(10));
            assertThat(ending.toString(), ending.kind(), is(FrameClient.Ending.Kind.CLOSE_FRAME));
            assertThat(ending.toString(), ending.code(), is(1001));
            assertThat(polite.awaitClose().code(), is(1001));
            // The mute client does not answer; the server waits 1 s for it, not the default 5 s.
            sigterm.assertExitsWith0Within(Duration.ofSeconds(1).plus(MARGIN));
        }
    }

    @Test
    void stopReturnsWithinTheShutdownTimeoutWhenAClientNeverAnswersTheClose() throws Exception {
        TestServer server = servers.start("");
        FrameClient mute = servers.track(FrameClient.connect(server.port(), "echo").dropOnClose());
        TestClient polite = servers.track(TestClient.connect(server.ws(), "dumb-increment-protocol"));
        assertThat(polite.nextText(), is("0"));

        servers.stopWithin(SHUTDOWN_TIMEOUT.plus(MARGIN));

        assertThat(polite.awaitClose().code(), is(1001));
        FrameClient.Ending ending = mute.awaitEnd(Duration.ofSeconds(5));
        assertThat(ending.toString(), ending.kind(), is(FrameClient.Ending.Kind.CLOSE_FRAME));
        assertThat(ending.toString(), ending.code(), is(1001));
        assertThat("once stopped, the server has closed the connection", mute.awaitEndOfStream(MARGIN), is(true));
    }

    @Test
    void aConnectionAttemptDuringShutdownGetsNoSessionThatStaysOpen() throws Exception {
        TestServer server = servers.start("");
        // The mute client holds the shutdown in its wait for close replies.
        try (HeldShutdown shutdown = HeldShutdown.begin(server, SHUTDOWN_TIMEOUT.plus(MARGIN))) {
            FrameClient.Ending ending = shutdown.muteEnding();
            assertThat("shutdown has begun: " + ending, ending.kind(), is(FrameClient.Ending.Kind.CLOSE_FRAME));

            String outcome;
            try (FrameClient late = FrameClient.upgrade(server.port(), "/", List.of("echo")).dropOnClose()) {
                if (late.status() != 101) {
                    outcome = "refused: " + late.status() + " " + late.body();
                } else {
                    FrameClient.Ending lateEnding = late.awaitEnd(Duration.ofSeconds(3));
                    outcome = lateEnding.ended() ? "ended: " + lateEnding : "open";
                }
            } catch (IOException refused) {
                outcome = "refused: " + refused;
            }
            assertThat(outcome, anyOf(startsWith("refused"), startsWith("ended")));
        }
    }
}
