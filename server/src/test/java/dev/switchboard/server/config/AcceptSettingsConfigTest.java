package dev.switchboard.server.config;

import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.server.Main;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code switchboard.max-connections} and {@code switchboard.handshake-timeout}: their defaults, their values, and
 * one error naming the key for a bad value.
 */
class AcceptSettingsConfigTest {

    private static final Path HOME = Main.home();

    @Test
    void withoutTheKeysTheFdLimitBoundsConnectionsAndAHandshakeHasTenSeconds() {
        assertThat(read("").accept(), is(new AcceptSettings(0, Duration.ofSeconds(10))));
    }

    @Test
    void theKeysSetTheBudgetAndTheTimeout() {
        assertThat(read("  max-connections: 5000\n  handshake-timeout: 2500ms\n").accept(),
                   is(new AcceptSettings(5000, Duration.ofMillis(2500))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "switchboard.max-connections | '  max-connections: -1'",
            "switchboard.max-connections | '  max-connections: many'",
            "switchboard.handshake-timeout | '  handshake-timeout: 0s'",
            "switchboard.handshake-timeout | '  handshake-timeout: soon'"
    })
    void aBadValueIsOneErrorNamingItsKey(String key, String yaml) {
        ConfigError error = assertThrows(ConfigError.class, () -> read(yaml + "\n"));
        assertThat(error.getMessage(), allOf(containsString(key + ":"), containsString("'")));
    }

    private static SwitchboardConfig read(String switchboardYaml) {
        return SwitchboardConfig.from(TestServer.config(TestServer.yaml(HOME, switchboardYaml)), HOME);
    }
}
