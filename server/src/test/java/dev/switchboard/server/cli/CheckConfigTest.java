package dev.switchboard.server.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.ServerCommand;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --check-config}, run as the real command: a good setup prints the protocols it would serve and exits 0
 * without listening; a broken one exits 2 with one line naming the key or the file.
 */
class CheckConfigTest {

    @TempDir
    Path tempDir;

    @Test
    void aGoodSetupPrintsTheProtocolsAndExits0WithoutTakingItsPort() throws Exception {
        // The configured port is held by the test: a check that tried to listen, or to probe it, would fail.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = writeConfig(taken.getLocalPort(), TestServer.protocolsDirWithBuiltIns(tempDir), """
                      max-sessions: 500
                      protocols:
                        reverse:
                          max-sessions: 10
                          allowed-origins: ["https://app.example.com"]
                        dumb-increment-protocol:
                          interval: 100ms
                    """);

            ServerCommand.Result result = checkConfig(config);

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.stdout(), allOf(
                    containsString("Configuration: " + config),
                    containsString(":" + taken.getLocalPort() + "/"),
                    containsString("at most 500 in all"),
                    containsString("PROTOCOL"), containsString("VERSION"), containsString("JAR"),
                    containsString("STATE"), containsString("OPTIONS")));
            assertLine(result, "reverse +1\\.0\\.0 +switchboard-protocol-reverse\\.jar +loaded +max-sessions=10, "
                    + "allowed-origins=\\[https://app\\.example\\.com]");
            // A protocol's own options by name only: their values may be secrets.
            assertLine(result, "dumb-increment-protocol +1\\.0\\.0 +\\S+\\.jar +loaded +interval");
            assertThat(result.stdout(), not(containsString("100ms")));
            assertLine(result, "echo +1\\.0\\.0 +\\S+\\.jar +loaded +-");
            assertThat(result.stdout(), not(containsString("serves http://")));
            assertThat(result.stderr(), is(""));
        }
    }

    @Test
    void aBadValueExits2NamingTheKey() throws Exception {
        Path config = writeConfig(0, TestServer.protocolsDirWithBuiltIns(tempDir),
                                  "  protocols:\n    echo:\n      max-sessions: lots\n");

        String stderr = failedCheck(config).stderr();
        assertThat(stderr, allOf(startsWith("switchboard: switchboard.protocols.echo.max-sessions"),
                                 containsString("lots")));
        assertThat(stderr.lines().count(), is(1L));
    }

    @Test
    void aBadServerValueThatHelidonReadsExits2NamingTheKey() throws Exception {
        Path config = writeConfig(0, TestServer.protocolsDirWithBuiltIns(tempDir), "");
        Files.writeString(config, Files.readString(config).replace("server:\n",
                                                                   "server:\n  idle-connection-timeout: soon\n"));

        assertThat(failedCheck(config).stderr(), allOf(containsString("server.idle-connection-timeout"),
                                                       containsString("soon")));
    }

    @Test
    void aMissingProtocolsDirectoryExits2NamingTheKeyAndTheDirectory() throws Exception {
        Path missing = tempDir.resolve("no-protocols-here");
        Path config = writeConfig(0, missing, "");

        assertThat(failedCheck(config).stderr(), allOf(containsString("switchboard.protocols-dir"),
                                                       containsString(missing.toString())));
    }

    @Test
    void aCorruptJarOfAConfiguredProtocolExits2NamingTheKeyAndTheJar() throws Exception {
        Path protocols = builtInsAndACorruptJar("chat.jar");
        Path config = writeConfig(0, protocols, "  protocols:\n    chat:\n      enabled: true\n");

        assertThat(failedCheck(config).stderr(), allOf(containsString("switchboard.protocols.chat"),
                                                       containsString("chat.jar")));
    }

    @Test
    void aCorruptJarNoConfigurationNamesIsListedAsFailedAndExits2() throws Exception {
        Path protocols = builtInsAndACorruptJar("broken.jar");
        Path config = writeConfig(0, protocols, "");

        ServerCommand.Result result = failedCheck(config);

        assertLine(result, "- +- +broken\\.jar +failed +-");
        assertLine(result, "reverse +1\\.0\\.0 +\\S+ +loaded +-");
        assertThat(result.stderr(), allOf(startsWith("switchboard: 1 protocol jar failed to load"),
                                          containsString("broken.jar")));
    }

    @Test
    void aMissingConfigFileExits2NamingIt() throws Exception {
        Path missing = tempDir.resolve("missing.yaml");

        assertThat(failedCheck(missing).stderr(), allOf(containsString("--config"),
                                                        containsString(missing.toString())));
    }

    private static ServerCommand.Result checkConfig(Path config) throws Exception {
        return ServerCommand.run("--check-config", "--config", config.toString());
    }

    // The check of a broken setup, which exits 2.
    private static ServerCommand.Result failedCheck(Path config) throws Exception {
        ServerCommand.Result result = checkConfig(config);
        assertThat(result.describe(), result.exitCode(), is(2));
        return result;
    }

    private Path builtInsAndACorruptJar(String jarName) throws IOException {
        Path protocols = TestServer.protocolsDirWithBuiltIns(tempDir);
        Files.writeString(protocols.resolve(jarName), "not a zip file");
        return protocols;
    }

    // A line of the report, whole.
    private static void assertLine(ServerCommand.Result result, String regex) {
        assertTrue(Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(result.stdout()).find(),
                   () -> "no line matching " + regex + " in\n" + result.describe());
    }

    private Path writeConfig(int port, Path protocolsDir, String switchboardYaml) throws IOException {
        Path config = tempDir.resolve("switchboard.yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: " + port + "\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir.toAbsolutePath() + "\"\n" + switchboardYaml);
        return config;
    }
}
