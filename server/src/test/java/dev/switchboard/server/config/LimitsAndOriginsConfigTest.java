package dev.switchboard.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.switchboard.server.Main;
import dev.switchboard.server.testing.TestServer;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The session limits, a protocol's own sizes and the allowed origins as read from YAML: their defaults, the keys a
 * protocol's block holds for the server (never passed on to the protocol), and one error naming the key for a bad
 * value.
 */
class LimitsAndOriginsConfigTest {

    private static final Path HOME = Main.home();

    @Test
    void withoutTheKeysTheServerAllowsTenThousandSessionsAnyPerAddressAndOnlyItsOwnOrigin() {
        SwitchboardConfig config = read("");

        assertThat(config.sessionLimits(), is(new SessionLimits(10_000, 0)));
        assertThat(config.originPolicy("echo").rules(), is(List.of()));
        assertThat(config.originPolicy("echo").key(), is("switchboard.allowed-origins"));
        assertThat(config.protocol("echo").sessionLimits(), is(SessionLimits.NONE));
    }

    @Test
    void aProtocolsBlockGivesItsOwnLimitsSizesAndOriginsAndKeepsThemFromTheProtocol() {
        SwitchboardConfig config = read("""
                  max-message-size: 1MiB
                  send-queue-limit: 4MiB
                  allowed-origins: ["https://app.example.com"]
                  protocols:
                    echo:
                      enabled: true
                      max-sessions: 10
                      max-sessions-per-ip: 2
                      max-message-size: 64KiB
                      send-queue-limit: 256KiB
                      allowed-origins: ["https://*.example.org", "null"]
                      colour: blue
                """);

        ProtocolBlock echo = config.protocol("echo");
        assertThat(echo.sessionLimits(), is(new SessionLimits(10, 2)));
        assertThat(config.connection("echo").maxMessageBytes(), is(64 * 1024));
        assertThat(config.connection("echo").queueLimitBytes(), is(256L * 1024));
        assertThat(config.connection("reverse").maxMessageBytes(), is(1024 * 1024));
        assertThat(config.originPolicy("echo").key(), is("switchboard.protocols.echo.allowed-origins"));
        assertThat(config.originPolicy("echo").rules().toString(), is("[https://*.example.org, null]"));
        assertThat(config.originPolicy("reverse").rules().toString(), is("[https://app.example.com]"));
        assertThat(echo.options(), is(Map.of("colour", "blue")));
    }

    @Test
    void inboundLimitsDefaultToTwoHundredThousandFramesAndSixtyFourMebibytesASecond() {
        assertThat(read("").connection("echo").inboundLimits(), is(new InboundLimits(200_000, 64L << 20)));
    }

    @Test
    void aProtocolsBlockSetsItsOwnInboundLimitsAndZeroMeansNone() {
        SwitchboardConfig config = read("""
                  max-frames-per-second: 5000
                  max-bytes-per-second: 1MiB
                  protocols:
                    echo:
                      max-frames-per-second: 0
                    reverse:
                      max-bytes-per-second: 0
                    lws-status:
                      max-frames-per-second: 10
                      max-bytes-per-second: 4KiB
                """);

        assertThat(config.connection("echo").inboundLimits(), is(new InboundLimits(0, 1L << 20)));
        assertThat(config.connection("reverse").inboundLimits(), is(new InboundLimits(5000, 0)));
        assertThat(config.connection("lws-status").inboundLimits(), is(new InboundLimits(10, 4096)));
        assertThat(config.connection("other").inboundLimits(), is(new InboundLimits(5000, 1L << 20)));
        assertThat(config.protocol("lws-status").options(), is(Map.of()));
    }

    @Test
    void anEmptyListInAProtocolsBlockLeavesItTheServersOwnOriginOnly() {
        SwitchboardConfig config = read("""
                  allowed-origins: ["*"]
                  protocols:
                    echo:
                      allowed-origins: []
                """);

        assertThat(config.originPolicy("echo").rules(), is(List.of()));
        assertThat(config.protocol("echo").options(), is(Map.of()));
        assertThat(config.originPolicy("reverse").rules().toString(), is("[*]"));
    }

    @Test
    void anEnvironmentVariableWithCommaSeparatedOriginsReplacesTheFilesList() {
        Map<String, String> environment = EnvironmentOverrides.keys(
                Map.of("SWITCHBOARD_ALLOWED_ORIGINS", "https://a.example.com, http://localhost:8080"));
        Config root = Config.builder()
                .addSource(ConfigSources.create(environment))
                .addSource(ConfigSources.create(TestServer.yaml(HOME, "  allowed-origins: [\"https://b.example.com\"]\n"),
                                                MediaTypes.APPLICATION_X_YAML))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableFilterServices()
                .build();

        assertThat(SwitchboardConfig.from(root, HOME).allowedOrigins().rules().toString(),
                   is("[https://a.example.com, http://localhost:8080]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "switchboard.max-sessions | '  max-sessions: -1'",
            "switchboard.max-sessions | '  max-sessions: lots'",
            "switchboard.max-sessions-per-ip | '  max-sessions-per-ip: 1.5'",
            "switchboard.protocols.echo.max-sessions | '  protocols:\n    echo:\n      max-sessions: ten'",
            "switchboard.protocols.echo.max-sessions-per-ip | '  protocols:\n    echo:\n      max-sessions-per-ip: -2'",
            "switchboard.protocols.echo.max-message-size | '  protocols:\n    echo:\n      max-message-size: 3GiB'",
            "switchboard.protocols.echo.send-queue-limit | '  protocols:\n    echo:\n      send-queue-limit: 0'",
            "switchboard.max-frames-per-second | '  max-frames-per-second: -5'",
            "switchboard.max-frames-per-second | '  max-frames-per-second: fast'",
            "switchboard.max-bytes-per-second | '  max-bytes-per-second: 10MB'",
            "switchboard.protocols.echo.max-frames-per-second | '  protocols:\n    echo:\n      max-frames-per-second: 1e6'",
            "switchboard.protocols.echo.max-bytes-per-second | '  protocols:\n    echo:\n      max-bytes-per-second: -1'",
            "switchboard.allowed-origins | '  allowed-origins: [\"https://app.example.com/\"]'",
            "switchboard.allowed-origins | '  allowed-origins: [\"https://*.com\"]'",
            "switchboard.allowed-origins | '  allowed-origins: [\"https://app*.example.com\"]'",
            "switchboard.allowed-origins | '  allowed-origins: \"app.example.com\"'",
            "switchboard.protocols.echo.allowed-origins | '  protocols:\n    echo:\n      allowed-origins: [\"*.example.com\"]'"
    })
    void aBadValueIsOneErrorNamingItsKey(String key, String yaml) {
        ConfigError error = assertThrows(ConfigError.class, () -> read(yaml.replace("\\n", "\n") + "\n"));
        assertThat(error.getMessage(), allOf(containsString(key + ":"), containsString("'")));
    }

    private static SwitchboardConfig read(String switchboardYaml) {
        return SwitchboardConfig.from(TestServer.config(TestServer.yaml(HOME, switchboardYaml)), HOME);
    }
}
