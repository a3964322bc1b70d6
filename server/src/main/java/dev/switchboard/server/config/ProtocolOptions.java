package dev.switchboard.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import dev.switchboard.api.ProtocolConfig;
import dev.switchboard.api.ProtocolConfigException;

/**
 * The read-only view of one protocol's block that the protocol receives.
 */
public final class ProtocolOptions implements ProtocolConfig {

    private final ProtocolSettings settings;
    // Keys the protocol asked for, so that options it never reads can be reported as likely typos.
    private final Set<String> readKeys = ConcurrentHashMap.newKeySet();

    /**
     * Creates the view.
     *
     * @param settings the protocol's block
     */
    public ProtocolOptions(ProtocolSettings settings) {
        this.settings = settings;
    }

    @Override
    public Set<String> keys() {
        return settings.options().keySet();
    }

    @Override
    public Optional<String> string(String key) {
        readKeys.add(key);
        return Optional.ofNullable(settings.options().get(key));
    }

    @Override
    public String string(String key, String defaultValue) {
        readKeys.add(key);
        return settings.options().getOrDefault(key, defaultValue);
    }

    @Override
    public int integer(String key, int defaultValue) {
        return parsed(key, defaultValue, ConfigValues::integer);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return parsed(key, defaultValue, ConfigValues::bool);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return parsed(key, defaultValue, ConfigValues::duration);
    }

    @Override
    public String fullKey(String key) {
        return settings.key() + "." + key;
    }

    /**
     * The options of the block that the protocol has not read so far.
     *
     * @return full keys, in file order
     */
    public List<String> unreadKeys() {
        return settings.options().keySet().stream()
                .filter(key -> !readKeys.contains(key))
                .map(this::fullKey)
                .toList();
    }

    // The server's parsers throw ConfigError; a protocol's contract is ProtocolConfigException.
    private <T> T parsed(String key, T defaultValue, BiFunction<String, String, T> parser) {
        readKeys.add(key);
        String value = settings.options().get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parser.apply(fullKey(key), value);
        } catch (ConfigError e) {
            throw new ProtocolConfigException(e.getMessage());
        }
    }
}
