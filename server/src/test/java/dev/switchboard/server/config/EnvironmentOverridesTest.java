package dev.switchboard.server.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class EnvironmentOverridesTest {

    @Test
    void variablesNamingServerAndSwitchboardKeysBecomeKeys() {
        Map<String, String> keys = EnvironmentOverrides.keys(Map.of(
                "SERVER_PORT", "9100",
                "SWITCHBOARD_MAX_dash_MESSAGE_dash_SIZE", "16MiB",
                "SWITCHBOARD_PROTOCOLS_DIR", "/srv/protocols",
                "SWITCHBOARD_PROTOCOLS_DUMB_dash_INCREMENT_dash_PROTOCOL_INTERVAL", "100ms"));
        assertThat(keys, is(Map.of(
                "server.port", "9100",
                "switchboard.max-message-size", "16MiB",
                "switchboard.protocols-dir", "/srv/protocols",
                "switchboard.protocols.dumb-increment-protocol.interval", "100ms")));
    }

    @Test
    void unrelatedVariablesWithTheSamePrefixAreLeftOut() {
        Map<String, String> keys = EnvironmentOverrides.keys(Map.of(
                "SWITCHBOARD_HOME", "/opt/switchboard",
                "SWITCHBOARD_PORT", "tcp://10.0.0.1:9000",
                "SWITCHBOARD_SERVICE_HOST", "10.0.0.1",
                "PATH", "/usr/bin"));
        assertThat(keys, is(Map.of()));
    }
}
