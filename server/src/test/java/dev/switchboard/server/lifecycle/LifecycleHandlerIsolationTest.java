package dev.switchboard.server.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.ServerPerTest;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * A handler that never returns holds up its own session only: not the other sessions of its protocol, and not the
 * server's shutdown beyond {@code shutdown-timeout}. (PluginFaultTest covers a handler that blocks for a while and
 * is released.)
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleHandlerIsolationTest {

    private static final String SLEEPY = "sleepy";
    /** The default shutdown-timeout. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MARGIN = Duration.ofSeconds(4);

    @RegisterExtension
    final ServerPerTest servers = ServerPerTest.withBuiltInsAnd("sleepy");

    @Test
    void aHandlerBlockedForeverDoesNotHoldUpTheOtherSessionsOfItsProtocol() throws Exception {
        TestServer server = servers.start("");
        try (TestClient blocked = TestClient.connect(server.ws(), SLEEPY);
             TestClient hard = TestClient.connect(server.ws(), SLEEPY);
             TestClient other = TestClient.connect(server.ws(), SLEEPY)) {
            assertThat(blocked.ask("block"), is("blocking"));
            assertThat(hard.ask("block-hard"), is("blocking"));

            for (int i = 0; i < 20; i++) {
                assertThat(other.ask("ping " + i), is("ping " + i));
            }
            List<TestClient> newcomers = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    TestClient newcomer = TestClient.connect(server.ws(), SLEEPY);
                    newcomers.add(newcomer);
                    assertThat(newcomer.ask("hello " + i), is("hello " + i));
                }
            } finally {
                newcomers.forEach(TestClient::close);
            }
            // The blocked sessions answer nothing more.
            blocked.send("anyone?");
            assertThat(blocked.poll(Duration.ofMillis(200)), is(nullValue()));
        } finally {
            try {
                servers.stopWithin(SHUTDOWN_TIMEOUT.plus(MARGIN));
            } catch (AssertionError stopHangs) {
                // Not this test's concern: the stop tests below report it. The stuck stop thread is a daemon.
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a handler blocked forever,                   block,          blocking",
            "a handler blocked forever ignoring interrupts, block-hard,   blocking",
            "a handler whose onClose blocks forever,       block-on-close, will block on close",
    })
    void aStuckHandlerDoesNotHoldUpStopBeyondTheShutdownTimeout(String stuck, String command, String reply)
            throws Exception {
        TestServer server = servers.start("");
        try (TestClient blocked = TestClient.connect(server.ws(), SLEEPY);
             TestClient bystander = TestClient.connect(server.ws(), SLEEPY)) {
            assertThat(blocked.ask(command), is(reply));

            assertStopReturnsInTimeAndCloses(bystander);
        }
    }

    @Test
    void aHandlerWhoseOnCloseBlocksForeverOnAConnectionThatNeverAnswersDoesNotHoldUpStop() throws Exception {
        TestServer server = servers.start("");
        try (FrameClient mute = FrameClient.connect(server.port(), SLEEPY).dropOnClose();
             TestClient bystander = TestClient.connect(server.ws(), SLEEPY)) {
            mute.sendText("block-on-close");
            assertThat(mute.nextText(Duration.ofSeconds(10)), is("will block on close"));

            // The mute client never answers the 1001, so the server ends its session itself when the wait is over.
            assertStopReturnsInTimeAndCloses(bystander);
        }
    }

    @Test
    void sigtermExitsWith0WithinTheShutdownTimeoutWhileAHandlerIsBlockedForever() throws Exception {
        try (ServerProcess server = ServerProcess.start(servers.protocolsDir(), "  shutdown-timeout: 1s\n");
             TestClient blocked = TestClient.connect(server.ws(), SLEEPY);
             TestClient bystander = TestClient.connect(server.ws(), SLEEPY)) {
            assertThat(blocked.ask("block-hard"), is("blocking"));
            assertThat(bystander.ask("hi"), is("hi"));

            Sigterm sigterm = Sigterm.sendTo(server);

            assertThat(bystander.awaitClose().code(), is(1001));
            sigterm.assertExitsWith0Within(Duration.ofSeconds(1).plus(MARGIN));
        }
    }

    // The bystander is served up to the stop, which returns within the shutdown timeout and closes it with 1001.
    private void assertStopReturnsInTimeAndCloses(TestClient bystander) throws Exception {
        assertThat(bystander.ask("hi"), is("hi"));
        servers.stopWithin(SHUTDOWN_TIMEOUT.plus(MARGIN));
        assertThat(bystander.awaitClose().code(), is(1001));
    }
}
