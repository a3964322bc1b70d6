package dev.switchboard.server.plugin;

import java.nio.file.Path;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Reloads.WITHIN;
import static dev.switchboard.server.plugin.Reloads.awaitServed;
import static dev.switchboard.server.plugin.Reloads.copyOver;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A jar replaced while its sessions are busy: the old session's messages all come back, in order, from the old
 * generation, and a session of the new generation under load loses and reorders nothing.
 */
class ReloadUnderTrafficTest {

    private static final int MESSAGES = 2_000;

    @TempDir
    Path tempDir;

    @Test
    void aReplaceDuringTrafficLosesAndReordersNoMessageOfTheOldOrTheNewGeneration() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        TestPlugins.copyInto(dir, "vintage-1");
        try (TestServer server = TestServer.start(dir, "");
             TestClient old = TestClient.connect(server.ws(), "vintage")) {
            for (int i = 0; i < MESSAGES; i++) {
                old.send("m" + i);
                if (i == MESSAGES / 4) {
                    copyOver("vintage-2", dir.resolve("vintage-1.jar"));
                }
            }
            try (TestClient fresh = awaitServed(server, "vintage", "2.0.0 ping", WITHIN)) {
                for (int i = 0; i < MESSAGES; i++) {
                    fresh.send("n" + i);
                    old.send("o" + i);
                }
                for (int i = 0; i < MESSAGES; i++) {
                    assertThat(fresh.nextText(), is("2.0.0 n" + i));
                }
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(old.nextText(), is("1.0.0 m" + i));
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(old.nextText(), is("1.0.0 o" + i));
            }
        }
    }
}
