package dev.switchboard.server.lifecycle;

import java.time.Duration;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Sessions that a SIGTERM ends get their line in the session log like any other: an operator reading the log after
 * a deploy sees every session that was cut.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownSessionLogTest {

    /** The default shutdown-timeout, and a loaded machine. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);
    private static final Duration OUTPUT_WAIT = Duration.ofSeconds(5);

    @Test
    void sessionsEndedBySigtermAreLogged() throws Exception {
        try (ServerProcess server = ServerProcess.start(TestServer.builtInProtocols(), "");
             TestClient echo = TestClient.connect(server.ws(), "echo");
             TestClient numbers = TestClient.connect(server.ws(), "dumb-increment-protocol")) {
            echo.send("hello");
            assertThat(echo.nextText(), is("hello"));
            assertThat(numbers.nextText(), is("0"));

            server.terminate();

            assertThat(echo.awaitClose().code(), is(1001));
            assertThat(numbers.awaitClose().code(), is(1001));
            assertThat("exited:\n" + server.output(), server.awaitExit(EXIT_WAIT), is(true));
            // What the process wrote last may still be in the pipe.
            long deadline = System.nanoTime() + OUTPUT_WAIT.toNanos();
            while (!server.output().contains("protocol=dumb-increment-protocol duration=")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.output(), containsString("protocol=echo duration="));
            assertThat(server.output(), containsString("protocol=dumb-increment-protocol duration="));
            assertThat(server.output(), containsString("messages-in=1 messages-out=1 bytes-in=5 bytes-out=5 code=1001"));
        }
    }
}
