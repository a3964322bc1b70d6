package dev.switchboard.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One protocol's block under {@code switchboard.protocols}.
 *
 * @param name    the protocol name, the block's key
 * @param enabled whether clients may negotiate it ({@code enabled}, default {@code true})
 * @param options the block's other leaf values, by dotted key relative to the block
 */
public record ProtocolSettings(String name, boolean enabled, Map<String, String> options) {

    /** Prefix of every protocol block's full key. */
    public static final String KEY_PREFIX = "switchboard.protocols.";

    /**
     * Creates the settings.
     *
     * @param name    protocol name
     * @param enabled enabled flag
     * @param options option values
     */
    public ProtocolSettings {
        Objects.requireNonNull(name, "name is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Settings of a protocol that has no block: enabled, no options.
     *
     * @param name protocol name
     * @return default settings
     */
    public static ProtocolSettings defaults(String name) {
        return new ProtocolSettings(name, true, Map.of());
    }

    /**
     * The full key of this block, for messages.
     *
     * @return e.g. {@code switchboard.protocols.reverse}
     */
    public String key() {
        return KEY_PREFIX + name;
    }
}
