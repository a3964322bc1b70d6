package dev.switchboard.server.plugin;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Reloads.WITHIN;
import static dev.switchboard.server.plugin.Reloads.awaitServed;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A configuration reloaded while the server runs (what SIGHUP does): changed protocol options start a new generation
 * while the old one's sessions drain, enabled flags and session limits apply to the next handshake, and a bad file is
 * refused with the message the start gives, the running configuration staying.
 */
class ReloadConfigTest {

    private static final String DRAIN = "  reload:\n    drain-timeout: 2s\n";

    private final Path dir;

    ReloadConfigTest(@TempDir Path tempDir) {
        this.dir = protocolsDirWithBuiltIns(tempDir);
    }

    @Test
    void changedProtocolOptionsStartANewGenerationWhileTheOldSessionDrainsWith1012() throws Exception {
        TestPlugins.copyInto(dir, "vintage-1");
        try (TestServer server = TestServer.start(dir, DRAIN + vintage("prefix: old"));
             TestClient echo = TestClient.connect(server.ws(), "echo");
             TestClient old = TestClient.connect(server.ws(), "vintage")) {
            assertThat(old.ask("a"), is("old a"));

            assertThat(reload(server, DRAIN + vintage("prefix: new")), is(true));
            try (TestClient fresh = awaitServed(server, "vintage", "new ping", WITHIN)) {
                assertThat(old.ask("b"), is("old b"));
                assertThat(old.awaitClose().code(), is(1012));
                assertThat(fresh.ask("c"), is("new c"));
            }
            assertThat(echo.ask("untouched"), is("untouched"));
        }
    }

    @Test
    void aProtocolDisabledByAReloadIsRefusedAndEnabledAgainIsServed() throws Exception {
        TestPlugins.copyInto(dir, "vintage-1");
        try (TestServer server = TestServer.start(dir, DRAIN)) {
            assertThat(reload(server, DRAIN + vintage("enabled: false")), is(true));
            assertThat(refusal(server, "vintage"), is(400));
            assertThat(reload(server, DRAIN), is(true));
            awaitServed(server, "vintage", "1.0.0 ping", WITHIN).close();
        }
    }

    @Test
    void aReloadedSessionLimitAppliesToTheNextHandshake() throws Exception {
        try (TestServer server = TestServer.start(dir, "");
             TestClient first = TestClient.connect(server.ws(), "echo")) {
            assertThat(reload(server, "  max-sessions: 1\n"), is(true));
            assertThat(refusal(server, "echo"), is(503));
            assertThat(first.ask("still"), is("still"));
        }
    }

    @Test
    void aBadConfigurationIsRefusedWithTheStartsMessageAndTheRunningOneStays() throws Exception {
        TestPlugins.copyInto(dir, "vintage-1");
        String bad = "  max-sessions: lots\n" + vintage("prefix: new");
        String startMessage = assertThrows(StartupException.class, () -> TestServer.start(dir, bad)).getMessage();
        try (TestServer server = TestServer.start(dir, vintage("prefix: old"));
             LogCapture log = LogCapture.of("dev.switchboard.server.Switchboard")) {
            assertThat(reload(server, bad), is(false));
            String line = log.await(Level.SEVERE, message -> message.contains("reload refused"));
            assertThat(line, containsString(startMessage));
            assertOldPrefixServed(server);
        }
    }

    @Test
    void aProtocolRefusingItsNewOptionsRefusesTheReloadWithTheStartsMessageAndKeepsItsGeneration() throws Exception {
        TestPlugins.copyInto(dir, "vintage-1", "sleeper");
        String bad = vintage("prefix: new") + "    sleeper:\n      nap: soon\n";
        String startMessage = assertThrows(StartupException.class, () -> TestServer.start(dir, bad)).getMessage();
        try (TestServer server = TestServer.start(dir, vintage("prefix: old"));
             LogCapture log = LogCapture.of("dev.switchboard.server.Switchboard")) {
            assertThat(reload(server, bad), is(false));
            assertThat(log.await(Level.SEVERE, message -> message.contains("reload refused")),
                       containsString(startMessage));
            // vintage's new prefix was refused with sleeper's nap: all or nothing.
            assertOldPrefixServed(server);
            assertThat(Plugins.protocolList(server).contains("drainingUntil"), is(false));
        }
    }

    private static String vintage(String line) {
        return "  protocols:\n    vintage:\n      " + line + "\n";
    }

    // Reloads the running server with this switchboard.yaml over the same protocols directory; true if it took it.
    private boolean reload(TestServer server, String switchboardYaml) {
        return server.switchboard().reloadConfig(TestServer.config(TestServer.yaml(dir, switchboardYaml)));
    }

    // vintage still answers with the prefix the server started with.
    private static void assertOldPrefixServed(TestServer server) throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "vintage")) {
            assertThat(client.ask("x"), is("old x"));
        }
    }

    private static int refusal(TestServer server, String protocol) throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), protocol)) {
            throw new AssertionError(protocol + " was served: " + client.subprotocol());
        } catch (ExecutionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
