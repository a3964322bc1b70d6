package dev.switchboard.server.plugin;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The folder of plugin copies a reloading server keeps: named after its process, and the folders of servers that died
 * without deleting theirs (SIGKILL) deleted by the next server, never those of a live one.
 */
class PluginShadowTest {

    @TempDir
    Path tempDir;

    @Test
    void aDeadServersCopiesAreDeletedALiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = Files.createDirectories(tempDir.resolve("switchboard-plugins-" + gone.pid() + "-123/1"));
        Files.writeString(orphan.resolve("chat.jar"), "a copy");
        Path live = Files.createDirectories(
                tempDir.resolve("switchboard-plugins-" + ProcessHandle.current().pid() + "-456/1"));
        Path unrelated = Files.createDirectories(tempDir.resolve("switchboard-plugins-notapid"));

        try (PluginShadow shadow = PluginShadow.create(tempDir)) {
            assertThat(Files.exists(orphan.getParent()), is(false));
            assertThat(Files.exists(live), is(true));
            assertThat(Files.exists(unrelated), is(true));
            Path jar = Files.writeString(tempDir.resolve("echo.jar"), "jar bytes");
            Path copy = shadow.copy(jar);
            assertThat(tempDir.relativize(copy).toString(),
                       startsWith("switchboard-plugins-" + ProcessHandle.current().pid() + "-"));
            assertThat(Files.readString(copy), is("jar bytes"));
        }
    }
}
