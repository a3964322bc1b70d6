package dev.switchboard.server.lifecycle;

import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A plugin that ends the process with {@code System.exit(status)} ends it with that status, so that a supervisor that
 * restarts on failure sees the failure; the sessions still get their 1001 on the way out.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginExitStatusTest {

    /** The default shutdown-timeout, the 1 s the server waits for handlers, and a loaded machine. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tempDir;

    @Test
    void aPluginsSystemExitStatusIsTheProcesssExitCode() throws Exception {
        Path dir = TestServer.protocolsDirWithBuiltIns(tempDir);
        TestPlugins.copyInto(dir, "quitter");

        try (ServerProcess server = ServerProcess.start(tempDir, dir, "");
             TestClient bystander = TestClient.connect(server.ws(), "echo");
             TestClient quitter = TestClient.connect(server.ws(), "quitter")) {
            quitter.send("3");

            assertThat("the other sessions are closed on the way out", bystander.awaitClose().code(), is(1001));
            assertThat("exited:\n" + server.output(), server.awaitExit(EXIT_WAIT), is(true));
            assertThat("exit code:\n" + server.output(), server.exitValue(), is(3));
        }
    }
}
