package dev.switchboard.server.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.ServerCommand;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A protocol jar holds server objects (its sessions) but cannot reach inside them: the server runs as named modules
 * that open nothing, and without Unsafe memory access. On the class path it could, which is why the launcher does
 * not run it there.
 */
class ModuleBoundaryTest {

    private static final Pattern SERVES = Pattern.compile("serves http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    static Path tempDir;

    private static Path protocols;
    private static Process process;
    private static final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        protocols = protocolsDirWithBuiltIns(tempDir);
        // "snoop" answers "reflection" with what setAccessible on its session's first private field gave it,
        // "unsafe" with what sun.misc.Unsafe's field read gave it, and "java-se" with a class of a Java SE module
        // that the server itself does not need.
        TestPlugins.copyInto(protocols, "snoop");
        Path config = tempDir.resolve("switchboard.yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + protocols.toAbsolutePath() + "\"\n");
        process = ServerCommand.startOnModulePath("--config", config.toString());
        process.getOutputStream().close();
        for (InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    lines.lines().forEach(output::add);
                } catch (IOException ignored) {
                    // The process ended.
                }
            });
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPluginCannotMakeTheServersPrivateMembersAccessible() throws Exception {
        try (TestClient client = TestClient.connect(modulePathServer(), "snoop")) {
            client.send("reflection");
            assertThat(client.nextText(), is("refused: java.lang.reflect.InaccessibleObjectException"));
        }
    }

    @Test
    void aPluginCannotReadTheServersFieldsWithUnsafe() throws Exception {
        try (TestClient client = TestClient.connect(modulePathServer(), "snoop")) {
            client.send("unsafe");
            // Not even loadable (jdk.unsupported is not among the modules the server resolves); where it is, the
            // launcher's --sun-misc-unsafe-memory-access=deny refuses the read.
            assertThat(client.nextText(), startsWith("refused: "));
        }
    }

    @Test
    void aPluginSeesTheWholeJavaSeApi() throws Exception {
        try (TestClient client = TestClient.connect(modulePathServer(), "snoop")) {
            client.send("java-se");
            assertThat(client.nextText(), is("java.sql: 2026-12-06 00:00:00.0"));
        }
    }

    @Test
    void theModulePathServerDoesNotWarnAboutTheClassPath() throws Exception {
        modulePathServer();
        assertThat(String.join("\n", output), not(containsString("Running on the class path")));
    }

    // The same probe is not refused on the class path: what stops it above is the module boundary.
    @Test
    void onTheClassPathThePluginReachesInside() throws Exception {
        try (TestServer server = TestServer.start(protocols, "");
             TestClient client = TestClient.connect(server.ws(), "snoop")) {
            client.send("reflection");
            assertThat(client.nextText(), startsWith("reached "));
        }
    }

    private static URI modulePathServer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher serves = SERVES.matcher(line);
                if (serves.find()) {
                    return URI.create("ws://127.0.0.1:" + serves.group(1) + "/");
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n"
                                                 + String.join("\n", output));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not serve within 30 s:\n" + String.join("\n", output));
    }
}
