package dev.switchboard.server.listener;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Protocol jars on the server as the launcher runs it, as named modules: a listener jar gets the listener API packages
 * from the server's {@code io.helidon.*} modules and nothing else of Helidon; a {@code ProtocolFactory} jar gets none.
 */
class WsListenerModulePathTest {

    private static final Pattern SERVES = Pattern.compile("serves http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    static Path tempDir;

    private static Process process;
    private static URI server;
    private static final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path protocols = Files.createDirectories(tempDir.resolve("protocols"));
        // "probe" is a protocol jar of the API's own kind: it must see no Helidon package at all, the listener API's
        // included.
        TestPlugins.copyInto(protocols, "helidon-listeners", "probe");
        Path config = tempDir.resolve("switchboard.yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + protocols.toAbsolutePath() + "\"\n" + HelidonListeners.NAMES);
        process = ServerCommand.startOnModulePath("--config", config.toString());
        process.getOutputStream().close();
        for (InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            Thread.ofVirtual().start(() -> collect(stream, output));
        }
        server = served(process, output);
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnmodifiedHelidonListenerRunsOnTheModulePath() throws Exception {
        try (TestClient echo = TestClient.connect(server, "helidon-echo")) {
            echo.send("on the module path");
            assertThat(echo.nextText(), is("on the module path"));
        }
    }

    @Test
    void aListenerJarSeesTheListenerApiPackagesAndNothingElseOfHelidonOrTheServer() throws Exception {
        try (TestClient probe = TestClient.connect(server, "listener-probe")) {
            assertVisibility(probe, "visible", "io.helidon.http.HeaderNames", "io.helidon.common.uri.UriQuery",
                             "java.sql.Timestamp");
            assertVisibility(probe, "hidden", "io.helidon.webserver.WebServer", "io.helidon.common.mapper.Value",
                             "io.helidon.config.Config", "dev.switchboard.server.Main");
        }
    }

    @Test
    void aProtocolFactoryJarSeesNoHelidonPackageAndNotTheServer() throws Exception {
        try (TestClient probe = TestClient.connect(server, "probe")) {
            assertFactoryVisibility(probe, "loaded", "dev.switchboard.api.Session", "java.sql.Timestamp");
            assertFactoryVisibility(probe, "ClassNotFoundException", "io.helidon.websocket.WsListener",
                                    "io.helidon.webserver.WebServer", "io.helidon.config.Config",
                                    "dev.switchboard.server.Main");
        }
    }

    private static void assertVisibility(TestClient probe, String expected, String... classNames) throws Exception {
        for (String className : classNames) {
            probe.send(className);
            assertThat(className, probe.nextText(), is(expected));
        }
    }

    // The "probe" plugin looks a class up through its own class loader and through the context class loader.
    private static void assertFactoryVisibility(TestClient probe, String expected, String... classNames)
            throws Exception {
        for (String className : classNames) {
            probe.send(className);
            assertThat(probe.nextText(), is(className + " -> " + expected + " / context: " + expected));
        }
    }

    private static void collect(InputStream stream, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static URI served(Process process, List<String> output) throws Exception {
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
