package dev.switchboard.server.lifecycle;

import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.TestClient;
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
        PluginJarBuilder.jar("quitter.jar")
                .source("test.quit.Factory", """
                        package test.quit;

                        import dev.switchboard.api.*;

                        public class Factory implements ProtocolFactory {
                            public String name() {
                                return "quitter";
                            }

                            public String version() {
                                return "1.0.0";
                            }

                            public Protocol create(ProtocolContext context) {
                                return session -> new MessageHandler() {
                                    @Override
                                    public void onText(String text) {
                                        System.exit(Integer.parseInt(text));
                                    }
                                };
                            }
                        }
                        """)
                .provider("test.quit.Factory")
                .writeTo(dir);

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
