package dev.switchboard.server.config;

import java.nio.file.Path;

import dev.switchboard.server.Main;
import dev.switchboard.server.Switchboard;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        String yaml = "server:\n  host: 127.0.0.1\n  port: abc\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir + "\"\n";
        StartupException refused = refusal(yaml);
        assertThat(refused, instanceOf(ConfigError.class));
        assertThat(refused.getMessage(), allOf(containsString("server.port"), containsString("abc")));
    }

    @Test
    void negativeMaxMessageSizeIsRefused() {
        assertThat(refusal(yaml("  max-message-size: -5\n")).getMessage(),
                   allOf(containsString("switchboard.max-message-size"), containsString("-5")));
    }

    @Test
    void unknownSwitchboardKeyIsRefusedByName() {
        assertThat(refusal(yaml("  colour: blue\n")).getMessage(), containsString("switchboard.colour"));
    }

    @Test
    void pathWithoutLeadingSlashIsRefused() {
        assertThat(refusal(yaml("  path: ws\n")).getMessage(),
                   allOf(containsString("switchboard.path"), containsString("'ws'"), containsString("'/'")));
    }

    @Test
    void missingProtocolsDirectoryIsRefused() {
        Path missing = protocolsDir.resolveSibling("no-such-protocols-dir");
        String yaml = "server:\n  host: 127.0.0.1\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + missing + "\"\n";
        assertThat(refusal(yaml).getMessage(),
                   allOf(containsString("switchboard.protocols-dir"), containsString(missing.toString())));
    }

    @Test
    void badProtocolOptionIsRefusedNamingItsFullKeyAndValue() {
        assertThat(refusal(yaml("  protocols:\n    dumb-increment-protocol:\n      interval: fast\n")).getMessage(),
                   allOf(containsString("switchboard.protocols.dumb-increment-protocol.interval"),
                         containsString("fast")));
    }

    @Test
    void defaultProtocolThatIsNotLoadedIsRefused() {
        assertThat(refusal(yaml("  default-protocol: nope\n")).getMessage(),
                   allOf(containsString("switchboard.default-protocol"), containsString("nope")));
    }

    @Test
    void defaultProtocolThatIsDisabledIsRefused() {
        String yaml = yaml("  default-protocol: reverse\n  protocols:\n    reverse:\n      enabled: false\n");
        assertThat(refusal(yaml).getMessage(),
                   allOf(containsString("switchboard.default-protocol"), containsString("reverse")));
    }

    @Test
    void enabledFlagThatIsNotABooleanIsRefused() {
        assertThat(refusal(yaml("  protocols:\n    reverse:\n      enabled: perhaps\n")).getMessage(),
                   allOf(containsString("switchboard.protocols.reverse.enabled"), containsString("perhaps")));
    }

    @Test
    void helidonServerValueThatDoesNotParseIsRefusedInOneLineNamingTheValue() {
        String yaml = "server:\n  host: 127.0.0.1\n  port: 0\n  idle-connection-timeout: abc\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir + "\"\n";
        String message = refusal(yaml).getMessage();
        assertThat(message, allOf(containsString("server.idle-connection-timeout"), containsString("abc")));
        assertThat(message.lines().count(), is(1L));
    }

    @Test
    void sectionWhereAValueBelongsIsRefusedByKey() {
        // What an environment variable such as SERVER_PORT_80_TCP_PORT would add under server.port.
        String yaml = "server:\n  host: 127.0.0.1\n  port:\n    80: x\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir + "\"\n";
        assertThat(refusal(yaml).getMessage(),
                   allOf(containsString("server.port"), containsString("found a section")));
    }

    @Test
    void hostThatDoesNotResolveIsRefusedByKey() {
        String yaml = "server:\n  host: no.such.host.invalid\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir + "\"\n";
        assertThat(refusal(yaml).getMessage(),
                   allOf(containsString("server.host"), containsString("no.such.host.invalid")));
    }

    @Test
    void dumbIncrementIntervalBelowOneMillisecondIsRefused() {
        assertThat(refusal(yaml("  protocols:\n    dumb-increment-protocol:\n      interval: 0.5ms\n")).getMessage(),
                   allOf(containsString("switchboard.protocols.dumb-increment-protocol.interval"),
                         containsString("0.5ms")));
    }

    @Test
    void handlerAndSchedulerLimitsAreValidatedNamingKeyAndValue() {
        assertThat(refusal(yaml("  handler-timeout: 0s\n")).getMessage(),
                   allOf(containsString("switchboard.handler-timeout"), containsString("0s")));
        assertThat(refusal(yaml("  protocols:\n    echo:\n      handler-timeout: soon\n")).getMessage(),
                   allOf(containsString("switchboard.protocols.echo.handler-timeout"), containsString("soon")));
        assertThat(refusal(yaml("  max-handler-threads: 0\n")).getMessage(),
                   allOf(containsString("switchboard.max-handler-threads"), containsString("at least 1")));
        assertThat(refusal(yaml("  scheduler-lag-limit: -1s\n")).getMessage(),
                   allOf(containsString("switchboard.scheduler-lag-limit"), containsString("-1s")));
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
