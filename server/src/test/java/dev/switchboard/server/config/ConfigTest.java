package dev.switchboard.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.switchboard.server.Main;
import dev.switchboard.server.Switchboard;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad configuration values refuse the start with a message that names the key and the value.
 */
class ConfigTest {

    private static Path protocolsDir;

    @BeforeAll
    static void protocols() {
        protocolsDir = TestServer.builtInProtocols();
    }

    @Test
    void validConfigurationStarts() throws Exception {
        Switchboard switchboard = Switchboard.start(TestServer.config(yaml("")), Main.home());
        try (TestClient client = TestClient.connect(java.net.URI.create("ws://127.0.0.1:" + switchboard.port() + "/"),
                                                    "reverse")) {
            client.send("ok");
            assertThat(client.nextText(), is("ko"));
        } finally {
            switchboard.stop();
        }
    }

    @Test
    void portThatIsNotANumberIsRefusedNamingKeyAndValue() {
        String yaml = serverYaml("  host: 127.0.0.1\n  port: abc\n");
        StartupException refused = refusal(yaml);
        assertThat(refused, instanceOf(ConfigError.class));
        assertThat(refused.getMessage(), allOf(containsString("server.port"), containsString("abc")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSwitchboardValues")
    void aBadSwitchboardValueIsRefusedNamingItsKeyAndValue(String switchboardYaml, List<String> named) {
        assertRefusedNaming(yaml(switchboardYaml), named.toArray(String[]::new));
    }

    // Lines of the switchboard section, and what the refusal must name.
    static Stream<Arguments> badSwitchboardValues() {
        return Stream.of(
                arguments("  max-message-size: -5\n", List.of("switchboard.max-message-size", "-5")),
                arguments("  colour: blue\n", List.of("switchboard.colour")),
                arguments("  path: ws\n", List.of("switchboard.path", "'ws'", "'/'")),
                arguments("  protocols:\n    dumb-increment-protocol:\n      interval: fast\n",
                          List.of("switchboard.protocols.dumb-increment-protocol.interval", "fast")),
                arguments("  protocols:\n    dumb-increment-protocol:\n      interval: 0.5ms\n",
                          List.of("switchboard.protocols.dumb-increment-protocol.interval", "0.5ms")),
                // A default protocol that is not loaded, and one that is disabled.
                arguments("  default-protocol: nope\n", List.of("switchboard.default-protocol", "nope")),
                arguments("  default-protocol: reverse\n  protocols:\n    reverse:\n      enabled: false\n",
                          List.of("switchboard.default-protocol", "reverse")),
                arguments("  protocols:\n    reverse:\n      enabled: perhaps\n",
                          List.of("switchboard.protocols.reverse.enabled", "perhaps")),
                arguments("  handler-timeout: 0s\n", List.of("switchboard.handler-timeout", "0s")),
                arguments("  protocols:\n    echo:\n      handler-timeout: soon\n",
                          List.of("switchboard.protocols.echo.handler-timeout", "soon")),
                arguments("  max-handler-threads: 0\n", List.of("switchboard.max-handler-threads", "at least 1")),
                arguments("  scheduler-lag-limit: -1s\n", List.of("switchboard.scheduler-lag-limit", "-1s")));
    }

    @Test
    void missingProtocolsDirectoryIsRefused() {
        Path missing = protocolsDir.resolveSibling("no-such-protocols-dir");
        String yaml = "server:\n  host: 127.0.0.1\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + missing + "\"\n";
        assertRefusedNaming(yaml, "switchboard.protocols-dir", missing.toString());
    }

    @Test
    void helidonServerValueThatDoesNotParseIsRefusedInOneLineNamingTheValue() {
        String yaml = serverYaml("  host: 127.0.0.1\n  port: 0\n  idle-connection-timeout: abc\n");
        String message = refusal(yaml).getMessage();
        assertThat(message, allOf(containsString("server.idle-connection-timeout"), containsString("abc")));
        assertThat(message.lines().count(), is(1L));
    }

    @Test
    void sectionWhereAValueBelongsIsRefusedByKey() {
        // What an environment variable such as SERVER_PORT_80_TCP_PORT would add under server.port.
        String yaml = serverYaml("  host: 127.0.0.1\n  port:\n    80: x\n");
        assertRefusedNaming(yaml, "server.port", "found a section");
    }

    @Test
    void hostThatDoesNotResolveIsRefusedByKey() {
        String yaml = serverYaml("  host: no.such.host.invalid\n  port: 0\n");
        assertRefusedNaming(yaml, "server.host", "no.such.host.invalid");
    }

    // The server section given, with the built-in protocols.
    private static String serverYaml(String serverLines) {
        return "server:\n" + serverLines + "switchboard:\n  protocols-dir: \"" + protocolsDir + "\"\n";
    }

    private static void assertRefusedNaming(String yaml, String... parts) {
        String message = refusal(yaml).getMessage();
        for (String part : parts) {
            assertThat(message, containsString(part));
        }
    }

    private static String yaml(String switchboardYaml) {
        return TestServer.yaml(protocolsDir, switchboardYaml);
    }

    // If the server starts after all, stop it: the assertion fails either way.
    private static StartupException refusal(String yaml) {
        return assertThrows(StartupException.class,
                            () -> Switchboard.start(TestServer.config(yaml), Main.home()).stop());
    }
}
