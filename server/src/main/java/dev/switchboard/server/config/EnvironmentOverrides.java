package dev.switchboard.server.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;

/**
 * Environment variables that override configuration keys: Switchboard's own by their plain names
 * ({@code SWITCHBOARD_PROTOCOLS_DIR}, {@code SWITCHBOARD_MAX_MESSAGE_SIZE}, {@code SWITCHBOARD_CLUSTER_REDIS}), the
 * others as Helidon names them ({@code SERVER_PORT} for {@code server.port}, {@code _dash_} for {@code -}:
 * {@code SWITCHBOARD_PROTOCOLS_DUMB_dash_INCREMENT_dash_PROTOCOL_INTERVAL}).
 *
 * <p>Only variables that name a key Switchboard or Helidon's server reads are taken. Helidon's own environment
 * source takes every variable, so an unrelated {@code SWITCHBOARD_HOME}, or the {@code SWITCHBOARD_PORT} that
 * Kubernetes sets for a service named {@code switchboard}, would become an unknown key and stop the start.
 */
public final class EnvironmentOverrides {

    // Switchboard's own keys by the plain variable name a user would try first: SWITCHBOARD_PROTOCOLS_DIR.
    private static final Map<String, String> SWITCHBOARD_KEYS = Stream.concat(
                    SwitchboardConfig.VALUE_KEYS.stream(), Stream.of("compression.enabled", "compression.threshold",
                                                             "cluster.redis", "cluster.node"))
            .collect(Collectors.toUnmodifiableMap(
                    key -> "SWITCHBOARD_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'),
                    key -> "switchboard." + key));
    // switchboard.protocols.NAME.OPTION: an option of a protocol block, never a block of its own.
    private static final Pattern PROTOCOL_OPTION = Pattern.compile("switchboard\\.protocols\\.[^.]+\\..+");

    private EnvironmentOverrides() {
    }

    /**
     * The overrides found in an environment, as a config source.
     *
     * @param environment the environment, e.g. {@link System#getenv()}
     * @return the source
     */
    public static ConfigSource source(Map<String, String> environment) {
        return ConfigSources.create(keys(environment)).build();
    }

    /**
     * The configuration keys and values named by an environment.
     *
     * @param environment the environment
     * @return key to value, for the variables that name a key Switchboard reads
     */
    static Map<String, String> keys(Map<String, String> environment) {
        Map<String, String> keys = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT).replace("_dash_", "-").replace('_', '.');
            String switchboardKey = SWITCHBOARD_KEYS.get(name.toUpperCase(Locale.ROOT).replace("_DASH_", "_"));
            if (switchboardKey != null) {
                keys.put(switchboardKey, value);
            } else if (key.startsWith("server.") || PROTOCOL_OPTION.matcher(key).matches()) {
                keys.put(key, value);
            }
        });
        return keys;
    }
}
