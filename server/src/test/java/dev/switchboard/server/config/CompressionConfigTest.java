package dev.switchboard.server.config;

import java.nio.file.Path;

import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code switchboard.compression} and a protocol's own {@code compression} block: defaults, overrides, and bad
 * values refused naming the key.
 */
class CompressionConfigTest {

    private static final Path HOME = Path.of(".");

    @Test
    void defaultsAreEnabledFrom256Bytes() {
        SwitchboardConfig config = config("");
        assertThat(config.compression("echo"), is(new CompressionSettings(true, 256)));
    }

    @Test
    void aProtocolOverridesEachKeyOnItsOwn() {
        SwitchboardConfig config = config("  compression:\n    threshold: 1KiB\n"
                                                  + "  protocols:\n    echo:\n      compression:\n"
                                                  + "        enabled: false\n"
                                                  + "    reverse:\n      compression:\n        threshold: 10B\n");
        assertThat(config.compression("echo"), is(new CompressionSettings(false, 1024)));
        assertThat(config.compression("reverse"), is(new CompressionSettings(true, 10)));
        assertThat(config.compression("status"), is(new CompressionSettings(true, 1024)));
        assertThat(config.protocol("echo").options().containsKey("compression.enabled"), is(false));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThat(refusal("  compression:\n    threshold: lots\n"),
                   allOf(containsString("switchboard.compression.threshold"), containsString("lots")));
        assertThat(refusal("  compression:\n    enabled: maybe\n"),
                   allOf(containsString("switchboard.compression.enabled"), containsString("maybe")));
        assertThat(refusal("  compression:\n    level: 9\n"), containsString("switchboard.compression.level"));
        assertThat(refusal("  protocols:\n    echo:\n      compression:\n        threshold: -1\n"),
                   containsString("switchboard.protocols.echo.compression.threshold"));
    }

    private static SwitchboardConfig config(String yaml) {
        return SwitchboardConfig.from(TestServer.config(TestServer.yaml(TestServer.builtInProtocols(), yaml)), HOME);
    }

    private static String refusal(String yaml) {
        return assertThrows(ConfigError.class, () -> config(yaml)).getMessage();
    }
}
