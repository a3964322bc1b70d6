package dev.switchboard.server.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;

import dev.switchboard.server.origin.OriginPolicy;

import io.helidon.config.Config;

import static dev.switchboard.server.config.ConfigNodes.children;
import static dev.switchboard.server.config.ConfigNodes.compression;
import static dev.switchboard.server.config.ConfigNodes.originPolicy;
import static dev.switchboard.server.config.ConfigNodes.text;

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
public record ProtocolBlock(String name,
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
    public ProtocolBlock {
        Objects.requireNonNull(name, "name is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Settings of a protocol that has no block: enabled, the server's limits, no options.
     *
     * @param name protocol name
     * @return default settings
     */
    public static ProtocolBlock defaults(String name) {
        return new ProtocolBlock(name, true, SessionLimits.NONE, OptionalInt.empty(), OptionalLong.empty(),
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

    /**
     * Reads the blocks of {@code switchboard.protocols}.
     *
     * @param protocolsNode the {@code switchboard.protocols} node
     * @return the blocks by protocol name, in file order
     * @throws ConfigError naming the key and value of the first bad entry
     */
    static Map<String, ProtocolBlock> readAll(Config protocolsNode) {
        Map<String, ProtocolBlock> blocks = new LinkedHashMap<>();
        for (Config block : children(protocolsNode)) {
            String name = block.name();
            String prefix = block.key().toString() + ".";
            boolean enabled = text(block.get("enabled"))
                    .map(v -> ConfigValues.bool(prefix + "enabled", v))
                    .orElse(true);
            SessionLimits limits = new SessionLimits(
                    text(block.get("max-sessions")).map(v -> ConfigValues.count(prefix + "max-sessions", v)).orElse(0),
                    text(block.get("max-sessions-per-ip"))
                            .map(v -> ConfigValues.count(prefix + "max-sessions-per-ip", v)).orElse(0));
            OptionalInt maxMessage = text(block.get("max-message-size"))
                    .map(v -> OptionalInt.of(ConfigNodes.maxMessageBytes(prefix + "max-message-size", v)))
                    .orElse(OptionalInt.empty());
            OptionalLong queueLimit = optionalLong(block, prefix, "send-queue-limit", ConfigValues::size);
            Optional<OriginPolicy> origins = originPolicy(block.get("allowed-origins"), prefix + "allowed-origins");
            Optional<Duration> handlerTimeout = text(block.get("handler-timeout"))
                    .map(v -> ConfigValues.positiveDuration(prefix + "handler-timeout", v));
            OptionalLong framesPerSecond = optionalLong(block, prefix, "max-frames-per-second",
                                                        (key, text) -> (long) ConfigValues.count(key, text));
            OptionalLong bytesPerSecond = optionalLong(block, prefix, "max-bytes-per-second",
                                                       ConfigNodes::bytesPerSecond);
            Config compressionNode = block.get("compression");
            Optional<Boolean> compressionEnabled = Optional.empty();
            OptionalInt compressionThreshold = OptionalInt.empty();
            if (compressionNode.exists()) {
                CompressionSettings own = compression(compressionNode, prefix + "compression.",
                                                      CompressionSettings.DEFAULTS);
                compressionEnabled = text(compressionNode.get("enabled")).map(v -> own.enabled());
                compressionThreshold = text(compressionNode.get("threshold")).isPresent()
                        ? OptionalInt.of(own.thresholdBytes()) : OptionalInt.empty();
            }
            // The server's keys never reach the protocol, which would report them as options it does not know. A
            // sequence is one option per element (key.0, key.1, ...); an empty one ([]) would leave no trace, so it is
            // an empty value, which ProtocolConfig.list reads as an empty list.
            Map<String, String> options = new LinkedHashMap<>();
            block.traverse()
                    .filter(node -> node.isLeaf() || node.asNodeList().map(List::isEmpty).orElse(false))
                    .forEach(node -> {
                        String key = node.key().toString().substring(prefix.length());
                        if (!SERVER_KEYS.contains(key.split("\\.", 2)[0])) {
                            options.put(key, node.isLeaf() ? node.asString().orElse("") : "");
                        }
                    });
            blocks.put(name, new ProtocolBlock(name, enabled, limits, maxMessage, queueLimit, origins,
                                                  handlerTimeout, framesPerSecond, bytesPerSecond, compressionEnabled,
                                                  compressionThreshold, options));
        }
        return blocks;
    }

    // A key of the block that overrides a server value, parsed with its full key for the message.
    private static OptionalLong optionalLong(Config block, String prefix, String key,
                                             BiFunction<String, String, Long> parse) {
        return text(block.get(key)).map(v -> OptionalLong.of(parse.apply(prefix + key, v)))
                .orElse(OptionalLong.empty());
    }
}
