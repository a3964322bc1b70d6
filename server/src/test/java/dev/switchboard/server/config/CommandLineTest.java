package dev.switchboard.server.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.switchboard.server.lifecycle.ServerProcess;
import dev.switchboard.server.testing.ServerCommand;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The command line, run as a real process: exit code 2 and a one-line reason for what the user must fix, and
 * environment overrides on top of a {@code --config} file.
 */
class CommandLineTest {

    @TempDir
    Path tempDir;

    @Test
    void portInUseExitsWith2NamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path config = writeConfig(port, "");

            ServerCommand.Result result = ServerCommand.run("--config", config.toString());

            assertThat(result.describe(), result.exitCode(), is(2));
            assertThat(result.stderr(), allOf(startsWith("switchboard: "),
                                              containsString(String.valueOf(port)),
                                              containsString("in use")));
            assertThat(result.stderr(), not(containsString("\tat ")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"switchbord:\n  max-sessions: 5\n", "servr:\n  port: 9100\n"})
    void aMisspelledTopLevelKeyExitsWith2NamingIt(String misspelled) throws Exception {
        Path config = writeConfig(0, "");
        Files.writeString(config, Files.readString(config) + misspelled);
        String key = misspelled.substring(0, misspelled.indexOf(':'));

        ServerCommand.Result result = ServerCommand.run("--check-config", "--config", config.toString());

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.stderr(), allOf(startsWith("switchboard: " + key + ": unknown top-level key"),
                                          containsString("server, switchboard")));
    }

    @Test
    void missingConfigFileExitsWith2NamingTheFile() throws Exception {
        Path missing = tempDir.resolve("missing.yaml");

        ServerCommand.Result result = ServerCommand.run("--config", missing.toString());

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.stderrLines(), hasSize(1));
        assertThat(result.stderr(), allOf(startsWith("switchboard: "),
                                          containsString("missing.yaml"),
                                          containsString("no such file")));
    }

    @Test
    void badValueExitsWith2AndOneLineWithoutStackTrace() throws Exception {
        Path config = tempDir.resolve("bad.yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: abc\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir() + "\"\n");

        ServerCommand.Result result = ServerCommand.run("--config", config.toString());

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.describe(), result.stderrLines(), hasSize(1));
        assertThat(result.stderr(), allOf(startsWith("switchboard: "),
                                          containsString("server.port"),
                                          containsString("abc")));
        assertThat(result.stderr(), not(containsString("\tat ")));
    }

    // Main: "exits non-zero with a one-line reason"; the YAML parser's messages span several lines.
    @Test
    void invalidYamlExitsWith2AndOneLineNamingTheFile() throws Exception {
        Path config = tempDir.resolve("broken.yaml");
        Files.writeString(config, "server:\n  port: [1, 2\nswitchboard:\n  path: /\n");

        ServerCommand.Result result = ServerCommand.run("--config", config.toString());

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.stderr(), allOf(startsWith("switchboard: "), containsString("broken.yaml")));
        assertThat(result.describe(), result.stderrLines(), hasSize(1));
    }

    @Test
    void badProtocolOptionExitsWith2NamingTheFullKey() throws Exception {
        Path config = writeConfig(0, "  protocols:\n    dumb-increment-protocol:\n      interval: fast\n");

        ServerCommand.Result result = ServerCommand.run("--config", config.toString());

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.stderr(), allOf(containsString("switchboard.protocols.dumb-increment-protocol.interval"),
                                          containsString("fast")));
        assertThat(result.stderr(), not(containsString("\tat ")));
    }

    @Test
    void environmentVariableOverridesThePortOfTheConfigFile() throws Exception {
        int envPort = freePort();
        Path config = writeConfig(1, "");

        try (ServerProcess server = ServerProcess.start(config, Map.of("SERVER_PORT", String.valueOf(envPort)))) {
            assertThat(server.port(), is(envPort));

            HttpResponse<String> list = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + envPort + "/protocols")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode(), is(200));
            assertThat(list.body(), containsString("\"name\":\"reverse\""));
        }
    }

    // Kubernetes gives every pod SWITCHBOARD_SERVICE_HOST, SWITCHBOARD_PORT, ... for a Service named "switchboard";
    // variables that are no configuration key must not stop the start.
    @Test
    void unrelatedSwitchboardEnvironmentVariablesDoNotStopTheStart() throws Exception {
        Path config = writeConfig(0, "");

        try (ServerProcess server = ServerProcess.start(config, Map.of("SWITCHBOARD_SERVICE_HOST", "10.0.0.1",
                                                                       "SWITCHBOARD_PORT", "tcp://10.0.0.1:9000",
                                                                       "SWITCHBOARD_HOME", "/opt/switchboard"))) {
            assertThat(server.port(), is(not(0)));
        }
    }

    private Path writeConfig(int port, String switchboardYaml) throws IOException {
        Path config = tempDir.resolve("switchboard.yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: " + port + "\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir() + "\"\n" + switchboardYaml);
        return config;
    }

    // Absolute: with --config, a relative directory would resolve against the server's home, not the test's.
    private static Path protocolsDir() {
        return TestServer.builtInProtocols().toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
