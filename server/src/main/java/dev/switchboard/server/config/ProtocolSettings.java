package dev.switchboard.server.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import dev.switchboard.server.origin.OriginPolicy;

/**
 * One protocol's block under {@code switchboard.protocols}: the keys the server reads for itself, and the options it
 * hands to the protocol.
 *
 * @param name            the protocol name, the block's key
 * @param enabled         whether clients may negotiate it ({@code enabled}, default {@code true})
 * @param sessionLimits   its own session limits ({@code max-sessions}, {@code max-sessions-per-ip}; none by default)
 * @param maxMessageBytes its own {@code max-message-size}, instead of the server's
 * @param queueLimitBytes its own {@code send-queue-limit}, instead of the server's
 * @param allowedOrigins  its own {@code allowed-origins}, instead of the server's list
 * @param handlerTimeout  its own {@code handler-timeout}, instead of the server's
 * @param framesPerSecond its own {@code max-frames-per-second}, instead of the server's
 * @param bytesPerSecond  its own {@code max-bytes-per-second}, instead of the server's
 * @param compressionEnabled   its own {@code compression.enabled}, instead of the server's
 * @param compressionThreshold its own {@code compression.threshold}, instead of the server's
 * @param options         the block's other leaf values, by dotted key relative to the block: the protocol's options
 */
public record ProtocolSettings(String name,
                               boolean enabled,
                               SessionLimits sessionLimits,
                               OptionalInt maxMessageBytes,
                               OptionalLong queueLimitBytes,
                               Optional<OriginPolicy> allowedOrigins,
                               Optional<Duration> handlerTimeout,
                               OptionalLong framesPerSecond,
                               OptionalLong bytesPerSecond,
                               Optional<Boolean> compressionEnabled,
                               OptionalInt compressionThreshold,
                               Map<String, String> options) {

    /** Prefix of every protocol block's full key. */
    public static final String KEY_PREFIX = "switchboard.protocols.";

    /**
     * The keys of a block that the server reads and the protocol never sees: a protocol cannot have options of these
     * names.
     */
    public static final Set<String> SERVER_KEYS = Set.of("enabled", "max-sessions", "max-sessions-per-ip",
                                                         "max-message-size", "send-queue-limit", "allowed-origins",
                                                         "handler-timeout", "max-frames-per-second",
                                                         "max-bytes-per-second", "compression");

    /**
     * Creates the settings.
     *
     * @param name            protocol name
     * @param enabled         enabled flag
     * @param sessionLimits   session limits
     * @param maxMessageBytes message size limit
     * @param queueLimitBytes send queue limit
     * @param allowedOrigins  allowed origins
     * @param handlerTimeout  handler timeout
     * @param framesPerSecond inbound frame limit
     * @param bytesPerSecond  inbound byte limit
     * @param compressionEnabled   compression flag
     * @param compressionThreshold compression threshold
     * @param options         option values
     */
    public ProtocolSettings {
        Objects.requireNonNull(name, "name is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Settings of a protocol that has no block: enabled, the server's limits, no options.
     *
     * @param name protocol name
     * @return default settings
     */
    public static ProtocolSettings defaults(String name) {
        return new ProtocolSettings(name, true, SessionLimits.NONE, OptionalInt.empty(), OptionalLong.empty(),
                                    Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                                    Optional.empty(), OptionalInt.empty(), Map.of());
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
