package dev.switchboard.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.config.Config;

/**
 * Switchboard's own settings, read and validated once at start.
 *
 * @param host            the interface to listen on ({@code server.host})
 * @param port            the port ({@code server.port}); 0 picks a free one
 * @param path            the WebSocket path ({@code switchboard.path})
 * @param protocolsDir    the directory scanned for protocol jars ({@code switchboard.protocols-dir})
 * @param defaultProtocol the protocol for clients that offer none ({@code switchboard.default-protocol})
 * @param connection      sizes, timeouts and keepalive of every connection
 * @param shutdownTimeout how long a stopping server waits for clients to answer its close frames
 *                        ({@code switchboard.shutdown-timeout})
 * @param protocols       the protocol blocks ({@code switchboard.protocols}), in file order
 */
public record SwitchboardConfig(String host,
                                int port,
                                String path,
                                Path protocolsDir,
                                Optional<String> defaultProtocol,
                                ConnectionSettings connection,
                                Duration shutdownTimeout,
                                Map<String, ProtocolSettings> protocols) {

    /** The keys of the {@code switchboard} section that hold a value (all but {@code protocols}). */
    public static final Set<String> VALUE_KEYS =
            Set.of("path", "protocols-dir", "default-protocol", "max-message-size", "send-queue-limit", "send-timeout",
                   "close-timeout", "keepalive-interval", "keepalive-timeout", "shutdown-timeout");

    /**
     * Creates the config.
     *
     * @param host            host
     * @param port            port
     * @param path            path
     * @param protocolsDir    protocols directory
     * @param defaultProtocol default protocol
     * @param connection      connection settings
     * @param shutdownTimeout shutdown wait
     * @param protocols       protocol blocks
     */
    public SwitchboardConfig {
        protocols = Collections.unmodifiableMap(new LinkedHashMap<>(protocols));
    }

    /**
     * Reads and validates the settings.
     *
     * @param root the root config node
     * @param home the directory a relative {@code protocols-dir} is resolved against
     * @return the settings
     * @throws ConfigError naming the key and value of the first bad entry
     */
    public static SwitchboardConfig from(Config root, Path home) {
        Config server = root.get("server");
        String host = text(server.get("host")).orElse("0.0.0.0");
        if (host.isBlank()) {
            throw new ConfigError("server.host", host, "is empty");
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigError("server.host", host, "is not an address or a host name that resolves");
        }
        int port = ConfigValues.port("server.port", text(server.get("port")).orElse("9000"));

        Config switchboard = root.get("switchboard");
        rejectUnknownKeys(switchboard);
        String path = text(switchboard.get("path")).orElse("/");
        if (!path.startsWith("/")) {
            throw new ConfigError("switchboard.path", path, "must start with '/'");
        }
        String dir = text(switchboard.get("protocols-dir")).orElse("protocols");
        Path protocolsDir = home.resolve(dir).normalize();
        Optional<String> defaultProtocol = text(switchboard.get("default-protocol")).filter(s -> !s.isBlank());
        String maxMessageText = text(switchboard.get("max-message-size")).orElse("1MiB");
        long maxMessage = ConfigValues.size("switchboard.max-message-size", maxMessageText);
        if (maxMessage > Integer.MAX_VALUE - 64) {
            throw new ConfigError("switchboard.max-message-size", maxMessageText, "is over the 2 GiB limit");
        }
        long queueLimit = ConfigValues.size("switchboard.send-queue-limit",
                                            text(switchboard.get("send-queue-limit")).orElse("4MiB"));
        ConnectionSettings connection = new ConnectionSettings(
                (int) maxMessage,
                queueLimit,
                positiveDuration(switchboard, "send-timeout", "10s"),
                positiveDuration(switchboard, "close-timeout", "5s"),
                duration(switchboard, "keepalive-interval", "30s"),
                positiveDuration(switchboard, "keepalive-timeout", "10s"));
        return new SwitchboardConfig(host, port, path, protocolsDir, defaultProtocol, connection,
                                     duration(switchboard, "shutdown-timeout", "5s"),
                                     protocolBlocks(switchboard.get("protocols")));
    }

    /**
     * The settings of a protocol: its block, or the defaults when it has none.
     *
     * @param name protocol name
     * @return the settings
     */
    public ProtocolSettings protocol(String name) {
        ProtocolSettings settings = protocols.get(name);
        return settings == null ? ProtocolSettings.defaults(name) : settings;
    }

    private static Duration duration(Config switchboard, String key, String defaultValue) {
        return ConfigValues.duration("switchboard." + key, text(switchboard.get(key)).orElse(defaultValue));
    }

    private static Duration positiveDuration(Config switchboard, String key, String defaultValue) {
        Duration duration = duration(switchboard, key, defaultValue);
        if (duration.isZero()) {
            throw new ConfigError("switchboard." + key, text(switchboard.get(key)).orElse(defaultValue),
                                  "must be longer than zero");
        }
        return duration;
    }

    private static void rejectUnknownKeys(Config switchboard) {
        for (Config child : children(switchboard)) {
            if (!VALUE_KEYS.contains(child.name()) && !child.name().equals("protocols")) {
                Set<String> known = new TreeSet<>(VALUE_KEYS);
                known.add("protocols");
                throw new ConfigError("switchboard." + child.name() + ": unknown key (known keys: "
                                              + String.join(", ", known) + ")");
            }
        }
    }

    private static Map<String, ProtocolSettings> protocolBlocks(Config protocolsNode) {
        Map<String, ProtocolSettings> blocks = new LinkedHashMap<>();
        for (Config block : children(protocolsNode)) {
            String name = block.name();
            String prefix = block.key().toString() + ".";
            boolean enabled = text(block.get("enabled"))
                    .map(v -> ConfigValues.bool(prefix + "enabled", v))
                    .orElse(true);
            Map<String, String> options = new LinkedHashMap<>();
            block.traverse()
                    .filter(Config::isLeaf)
                    .forEach(leaf -> {
                        String key = leaf.key().toString().substring(prefix.length());
                        if (!key.equals("enabled")) {
                            options.put(key, leaf.asString().orElse(""));
                        }
                    });
            blocks.put(name, new ProtocolSettings(name, enabled, options));
        }
        return blocks;
    }

    private static List<Config> children(Config node) {
        if (!node.exists() || node.isLeaf()) {
            return List.of();
        }
        return node.asNodeList().orElse(List.of());
    }

    private static Optional<String> text(Config node) {
        if (!node.exists()) {
            return Optional.empty();
        }
        if (!node.isLeaf()) {
            throw new ConfigError(node.key() + ": expected a value, found a section (" + node.traverse()
                    .filter(Config::isLeaf).map(leaf -> leaf.key().toString()).findFirst().orElse("empty")
                    + " ...); an environment variable or system property may have added it");
        }
        return node.asString().asOptional().map(String::trim);
    }
}
