package dev.switchboard.server.config;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.switchboard.api.ProtocolConfig;
import dev.switchboard.api.ProtocolConfigException;

/**
 * The read-only view of one protocol's block that the protocol receives.
 */
public final class ProtocolOptions implements ProtocolConfig {

    private final ProtocolBlock block;
    // Keys the protocol asked for, so that options it never reads can be reported as likely typos.
    private final Set<String> readKeys = ConcurrentHashMap.newKeySet();

    /**
     * Creates the view.
     *
     * @param block    the protocol's block
     */
    public ProtocolOptions(ProtocolBlock block) {
        this.block = block;
    }

    @Override
    public Set<String> keys() {
        return block.options().keySet();
    }

    @Override
    public Optional<String> string(String key) {
        readKeys.add(key);
        return Optional.ofNullable(block.options().get(key));
    }

    @Override
    public String string(String key, String defaultValue) {
        readKeys.add(key);
        return block.options().getOrDefault(key, defaultValue);
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
    public int integer(String key, int defaultValue, int min, int max) {
        requireRange(min <= max, min, max);
        return ranged(key, defaultValue, ConfigValues::integer, Integer::compare, String::valueOf, min, max);
    }

    @Override
    public long size(String key, long defaultValue, long min, long max) {
        requireRange(min >= 0 && min <= max, min, max);
        return ranged(key, defaultValue, ConfigValues::byteCount, Long::compare, ConfigValues::sizeText, min, max);
    }

    @Override
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        requireRange(min.compareTo(max) <= 0, min, max);
        return ranged(key, defaultValue, ConfigValues::duration, Duration::compareTo, ConfigValues::durationText,
                      min, max);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The configuration holds a YAML sequence as one option per element, {@code key.0}, {@code key.1}, ...; those
     * are read here, so none of them is reported as unread. A single value (from the file, a system property or an
     * environment variable) is a list of one; an empty one, and an empty sequence {@code []}, an empty list.
     *
     * @throws ProtocolConfigException if the key holds a section or a sequence of sections instead of values
     */
    @Override
    public List<String> list(String key, List<String> defaultValue) {
        readKeys.add(key);
        Map<String, String> options = block.options();
        String prefix = key + ".";
        SortedMap<Integer, String> elements = new TreeMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!option.getKey().startsWith(prefix)) {
                continue;
            }
            readKeys.add(option.getKey());
            String index = option.getKey().substring(prefix.length());
            if (!index.matches("\\d{1,9}")) {
                throw new ProtocolConfigException(fullKey(key) + ": expected a list of values, found "
                                                          + fullKey(option.getKey()));
            }
            elements.put(Integer.parseInt(index), option.getValue());
        }
        // A value set over a list in the file (a system property, an environment variable) replaces it.
        String single = options.get(key);
        if (single != null) {
            return single.isBlank() ? List.of() : List.of(single);
        }
        return elements.isEmpty() ? List.copyOf(defaultValue) : List.copyOf(elements.values());
    }

    @Override
    public String fullKey(String key) {
        return block.key() + "." + key;
    }

    /**
     * The options of the block that the protocol has not read so far.
     *
     * @return full keys, in file order
     */
    public List<String> unreadKeys() {
        return block.options().keySet().stream()
                .filter(key -> !readKeys.contains(key))
                .map(this::fullKey)
                .toList();
    }

    // A value of an ordered kind, refused outside min..max with a message that names the value and the range.
    private <T> T ranged(String key,
                         T defaultValue,
                         BiFunction<String, String, T> parser,
                         Comparator<T> order,
                         Function<T, String> text,
                         T min,
                         T max) {
        T value = parsed(key, defaultValue, parser);
        String written = block.options().get(key);
        if (written == null) {
            // The protocol's own default: its author's choice, not the operator's.
            return value;
        }
        String range = " (allowed: " + text.apply(min) + " to " + text.apply(max) + ")";
        boolean durations = value instanceof Duration;
        if (order.compare(value, min) < 0) {
            throw new ProtocolConfigException(fullKey(key) + ": '" + written + "' is "
                    + (durations ? "shorter" : "less") + " than " + text.apply(min) + range);
        }
        if (order.compare(value, max) > 0) {
            throw new ProtocolConfigException(fullKey(key) + ": '" + written + "' is "
                    + (durations ? "longer" : "more") + " than " + text.apply(max) + range);
        }
        return value;
    }

    private static void requireRange(boolean valid, Object min, Object max) {
        if (!valid) {
            throw new IllegalArgumentException("Not a range of allowed values: " + min + " to " + max);
        }
    }

    // The server's parsers throw ConfigError; a protocol's contract is ProtocolConfigException.
    private <T> T parsed(String key, T defaultValue, BiFunction<String, String, T> parser) {
        readKeys.add(key);
        String value = block.options().get(key);
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
