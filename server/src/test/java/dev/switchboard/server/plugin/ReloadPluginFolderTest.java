package dev.switchboard.server.plugin;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Reloads.WITHIN;
import static dev.switchboard.server.plugin.Reloads.awaitRefused;
import static dev.switchboard.server.plugin.Reloads.awaitServed;
import static dev.switchboard.server.plugin.Reloads.copyOver;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Plugin folders ({@code protocols/NAME/}) reload as jars do: a folder added is served, a jar of it rewritten makes a
 * new generation while the old one's sessions keep working, and a folder removed is refused.
 */
class ReloadPluginFolderTest {

    @TempDir
    Path tempDir;

    @Test
    void aPluginFolderAddedIsServedAJarOfItReplacedMakesANewGenerationAndTheFolderRemovedIsRefused()
            throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        try (TestServer server = TestServer.start(dir, "  reload:\n    drain-timeout: 30s\n")) {
            // Built aside and moved in whole, as a deployment would.
            Path staging = Files.createDirectories(tempDir.resolve("staging/vintage"));
            TestPlugins.copyInto(staging, "vintage-1");
            Files.move(staging, dir.resolve("vintage"));

            try (TestClient old = awaitServed(server, "vintage", "1.0.0 ping", WITHIN)) {
                copyOver("vintage-2", dir.resolve("vintage/vintage-1.jar"));
                awaitServed(server, "vintage", "2.0.0 ping", WITHIN).close();
                assertThat(old.ask("still"), is("1.0.0 still"));

                try (var files = Files.walk(dir.resolve("vintage"))) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
                assertThat(awaitRefused(server, "vintage", WITHIN), is(400));
                assertThat(old.ask("draining"), is("1.0.0 draining"));
            }
        }
    }
}
