package dev.switchboard.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A protocol's own configuration block, read-only.
 *
 * <p>Keys are relative to the block, with nested keys joined by dots: for the YAML
 * <pre>
 * switchboard:
 *   protocols:
 *     my-protocol:
 *       interval: 50ms
 *       history:
 *         size: 10
 * </pre>
 * the protocol {@code my-protocol} reads {@code "interval"} and {@code "history.size"}. The {@code enabled} key
 * belongs to the server and is not part of the view.
 *
 * <p>Read options in {@link ProtocolFactory#create(ProtocolContext)}: the server warns about every option of the
 * block that the protocol did not read there, since it is most likely a misspelt key.
 *
 * <p>The typed readers throw {@link ProtocolConfigException} naming the full key and the value when a value
 * does not parse; the server then refuses to start with that message.
 */
public interface ProtocolConfig {

    /**
     * The keys present in this block.
     *
     * @return the dotted keys of every leaf value
     */
    Set<String> keys();

    /**
     * A raw value.
     *
     * @param key the dotted key
     * @return the value as written in the configuration, or empty when the key is absent
     */
    Optional<String> string(String key);

    /**
     * A text value.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @return the value
     */
    String string(String key, String defaultValue);

    /**
     * An integer value.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @return the value
     * @throws ProtocolConfigException if the value is not an integer
     */
    int integer(String key, int defaultValue);

    /**
     * A boolean value: {@code true} or {@code false}.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @return the value
     * @throws ProtocolConfigException if the value is neither {@code true} nor {@code false}
     */
    boolean bool(String key, boolean defaultValue);

    /**
     * A duration: a number with a unit ({@code 50ms}, {@code 2s}, {@code 5m}, {@code 1h}) or an ISO-8601
     * duration ({@code PT0.05S}). Negative durations and durations over 365 days are refused.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @return the value
     * @throws ProtocolConfigException if the value is not a duration
     */
    Duration duration(String key, Duration defaultValue);

    /**
     * An integer value within a range.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @param min          the smallest value allowed
     * @param max          the largest value allowed
     * @return the value
     * @throws ProtocolConfigException if the value is not an integer or is outside the range, naming the full key,
     *                                 the value and the range
     * @throws IllegalArgumentException if {@code min} is above {@code max}
     */
    int integer(String key, int defaultValue, int min, int max);

    /**
     * A byte count: a plain number of bytes or a number with {@code B}, {@code KiB}, {@code MiB} or {@code GiB}
     * ({@code 65536}, {@code 64KiB}, {@code 16MiB}), within a range.
     *
     * @param key          the dotted key
     * @param defaultValue the value in bytes when the key is absent
     * @param min          the fewest bytes allowed, 0 or more
     * @param max          the most bytes allowed
     * @return the value in bytes
     * @throws ProtocolConfigException if the value is not a size or is outside the range
     * @throws IllegalArgumentException if {@code min} is above {@code max}
     */
    long size(String key, long defaultValue, long min, long max);

    /**
     * A duration, written as for {@link #duration(String, Duration)}, within a range.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @param min          the shortest duration allowed
     * @param max          the longest duration allowed
     * @return the value
     * @throws ProtocolConfigException if the value is not a duration or is outside the range
     * @throws IllegalArgumentException if {@code min} is above {@code max}
     */
    Duration duration(String key, Duration defaultValue, Duration min, Duration max);

    /**
     * A list of text values: a YAML sequence ({@code [a, b]} or one {@code - item} per line), or a single value,
     * which makes a list of one. An empty sequence ({@code []}) or an empty value makes an empty list. The elements
     * count as read with the key, so none of them is reported as a likely typo.
     *
     * @param key          the dotted key
     * @param defaultValue the value when the key is absent
     * @return the values in file order, immutable
     * @throws ProtocolConfigException if the key holds a section, or a sequence of sections, instead of values
     */
    List<String> list(String key, List<String> defaultValue);

    /**
     * The full key of an entry, as written in the configuration file, for messages.
     *
     * @param key the dotted key relative to this block
     * @return the full key, for example {@code "switchboard.protocols.my-protocol.interval"}
     */
    String fullKey(String key);
}
