package dev.switchboard.server.listener;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.server.lifecycle.ServerProcess;
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

    @TempDir
    static Path tempDir;

    private static ServerProcess process;
    private static URI server;

    @BeforeAll
    static void start() throws Exception {
        Path protocols = Files.createDirectories(tempDir.resolve("protocols"));
        // "probe" is a protocol jar of the API's own kind: it must see no Helidon package at all, the listener API's
        // included.
        TestPlugins.copyInto(protocols, "helidon-listeners", "probe");
        process = ServerProcess.startOnModulePath(tempDir, protocols, HelidonListeners.NAMES);
        server = process.ws();
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void anUnmodifiedHelidonListenerRunsOnTheModulePath() throws Exception {
        try (TestClient echo = TestClient.connect(server, "helidon-echo")) {
            assertThat(echo.ask("on the module path"), is("on the module path"));
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
            assertThat(probe.ask(className), is(className + " -> " + expected + " / context: " + expected));
        }
    }
}
