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

import dev.switchboard.server.origin.OriginPolicy;

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
 * @param sessionLimits   how many sessions may be open, in all and per client address
 *                        ({@code switchboard.max-sessions}, {@code switchboard.max-sessions-per-ip})
 * @param accept          the connection budget and the handshake timeout ({@code switchboard.max-connections},
 *                        {@code switchboard.handshake-timeout})
 * @param allowedOrigins  the origins besides the server's own whose pages may open sessions
 *                        ({@code switchboard.allowed-origins})
 * @param shutdownTimeout how long a stopping server waits for clients to answer its close frames
 *                        ({@code switchboard.shutdown-timeout})
 * @param handlerThreads  the most platform threads that run handler calls ({@code switchboard.max-handler-threads})
 * @param schedulerLagLimit how long a virtual thread may wait to run before liveness goes DOWN
 *                        ({@code switchboard.scheduler-lag-limit})
 * @param compression     permessage-deflate ({@code switchboard.compression.enabled}, {@code .threshold})
 * @param protocols       the protocol blocks ({@code switchboard.protocols}), in file order
 * @param cluster         whether and how the server runs as a node of a cluster ({@code switchboard.cluster})
 * @param reload          whether and how protocols reload while the server runs ({@code switchboard.reload})
 */
public record SwitchboardConfig(String host,
                                int port,
                                String path,
                                Path protocolsDir,
                                Optional<String> defaultProtocol,
                                ConnectionSettings connection,
                                SessionLimits sessionLimits,
                                AcceptSettings accept,
                                OriginPolicy allowedOrigins,
                                Duration shutdownTimeout,
                                int handlerThreads,
                                Duration schedulerLagLimit,
                                CompressionSettings compression,
                                Map<String, ProtocolBlock> protocols,
                                ClusterSettings cluster,
                                ReloadSettings reload) {

    /** The keys of the {@code switchboard} section that hold a value or a list (all but {@code protocols}). */
    public static final Set<String> VALUE_KEYS =
            Set.of("path", "protocols-dir", "default-protocol", "max-message-size", "send-queue-limit", "send-timeout",
                   "close-timeout", "keepalive-interval", "keepalive-timeout", "shutdown-timeout", "max-sessions",
                   "max-sessions-per-ip", "allowed-origins", "max-connections", "handshake-timeout", "handler-timeout",
                   "max-handler-threads", "scheduler-lag-limit", "max-frames-per-second", "max-bytes-per-second");

    /**
     * The default of {@code switchboard.max-sessions}: a bound on memory rather than a capacity plan. An idle session
     * holds about 25 KiB of heap, so 10,000 take some 250 MiB, within the default heap of a JVM on a 2 GB machine; a
     * server that must hold more raises it together with {@code -Xmx}.
     */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    /** The default of {@code switchboard.max-handler-threads}. */
    public static final int DEFAULT_HANDLER_THREADS = 256;

    // The sections of switchboard besides its values.
    private static final Set<String> SECTIONS = Set.of("protocols", "compression", "cluster", "reload");
    private static final String ALLOWED_ORIGINS_KEY = "switchboard.allowed-origins";
    // Helidon's web server reads server; nothing else of Helidon reads the file (Switchboard sets up the rest).
    private static final List<String> TOP_LEVEL_KEYS = List.of("server", "switchboard");

    /**
     * Creates the config.
     *
     * @param host            host
     * @param port            port
     * @param path            path
     * @param protocolsDir    protocols directory
     * @param defaultProtocol default protocol
     * @param connection      connection settings
     * @param sessionLimits   session limits
     * @param accept          connection budget and handshake timeout
     * @param allowedOrigins  allowed origins
     * @param shutdownTimeout shutdown wait
     * @param handlerThreads  handler thread cap
     * @param schedulerLagLimit scheduler lag limit
     * @param compression     compression settings
     * @param protocols       protocol blocks
     * @param cluster         cluster settings
     * @param reload          reload settings
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
        rejectUnknownTopLevelKeys(root);
        Config server = root.get("server");
        String host = ConfigNodes.text(server.get("host")).orElse("0.0.0.0");
        if (host.isBlank()) {
            throw new ConfigError("server.host", host, "is empty");
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigError("server.host", host, "is not an address or a host name that resolves");
        }
        int port = ConfigValues.port("server.port", ConfigNodes.text(server.get("port")).orElse("9000"));

        Config switchboard = root.get("switchboard");
        rejectUnknownKeys(switchboard);
        String path = ConfigNodes.text(switchboard.get("path")).orElse("/");
        if (!path.startsWith("/")) {
            throw new ConfigError("switchboard.path", path, "must start with '/'");
        }
        String dir = ConfigNodes.text(switchboard.get("protocols-dir")).orElse("protocols");
        Path protocolsDir = home.resolve(dir).normalize();
        Optional<String> defaultProtocol = ConfigNodes.text(switchboard.get("default-protocol")).filter(s -> !s.isBlank());
        ConnectionSettings connection = new ConnectionSettings(
                ConfigNodes.maxMessageBytes("switchboard.max-message-size", ConfigNodes.text(switchboard.get("max-message-size")).orElse("1MiB")),
                ConfigValues.size("switchboard.send-queue-limit", ConfigNodes.text(switchboard.get("send-queue-limit")).orElse("4MiB")),
                positiveDuration(switchboard, "send-timeout", "10s"),
                positiveDuration(switchboard, "close-timeout", "5s"),
                duration(switchboard, "keepalive-interval", "30s"),
                positiveDuration(switchboard, "keepalive-timeout", "10s"),
                positiveDuration(switchboard, "handler-timeout", "5s"),
                new InboundLimits(
                        ConfigValues.count("switchboard.max-frames-per-second",
                                           ConfigNodes.text(switchboard.get("max-frames-per-second"))
                                                   .orElse(String.valueOf(InboundLimits.DEFAULT_FRAMES_PER_SECOND))),
                        ConfigNodes.bytesPerSecond("switchboard.max-bytes-per-second",
                                       ConfigNodes.text(switchboard.get("max-bytes-per-second"))
                                               .orElse(ConfigValues.sizeText(InboundLimits.DEFAULT_BYTES_PER_SECOND)))));
        SessionLimits sessionLimits = new SessionLimits(
                ConfigValues.count("switchboard.max-sessions",
                                   ConfigNodes.text(switchboard.get("max-sessions")).orElse(String.valueOf(DEFAULT_MAX_SESSIONS))),
                ConfigValues.count("switchboard.max-sessions-per-ip",
                                   ConfigNodes.text(switchboard.get("max-sessions-per-ip")).orElse("0")));
        AcceptSettings accept = new AcceptSettings(
                ConfigValues.count("switchboard.max-connections",
                                   ConfigNodes.text(switchboard.get("max-connections")).orElse("0")),
                positiveDuration(switchboard, "handshake-timeout", "10s"));
        OriginPolicy allowedOrigins = ConfigNodes.originPolicy(switchboard.get("allowed-origins"), ALLOWED_ORIGINS_KEY)
                .orElse(new OriginPolicy(ALLOWED_ORIGINS_KEY, List.of()));
        return new SwitchboardConfig(host, port, path, protocolsDir, defaultProtocol, connection, sessionLimits,
                                     accept, allowedOrigins, duration(switchboard, "shutdown-timeout", "5s"),
                                     handlerThreads(switchboard),
                                     positiveDuration(switchboard, "scheduler-lag-limit", "5s"),
                                     ConfigNodes.compression(switchboard.get("compression"), "switchboard.compression.",
                                                 CompressionSettings.DEFAULTS),
                                     ProtocolBlock.readAll(switchboard.get("protocols")),
                                     ClusterSettings.from(switchboard.get("cluster")),
                                     ReloadSettings.from(switchboard.get("reload")));
    }

    /**
     * A protocol's block, or the defaults when it has none.
     *
     * @param name protocol name
     * @return the block
     */
    public ProtocolBlock protocol(String name) {
        ProtocolBlock block = protocols.get(name);
        return block == null ? ProtocolBlock.defaults(name) : block;
    }

    /**
     * The sizes, timeouts, keepalive and inbound limits of a protocol's connections: the server's, with the protocol's
     * own {@code max-message-size}, {@code send-queue-limit}, {@code handler-timeout}, {@code max-frames-per-second}
     * and {@code max-bytes-per-second} where it sets them.
     *
     * @param protocol protocol name
     * @return the settings
     */
    public ConnectionSettings connection(String protocol) {
        ProtocolBlock block = protocol(protocol);
        InboundLimits inbound = connection.inboundLimits();
        return connection.withSizes(block.maxMessageBytes().orElse(connection.maxMessageBytes()),
                                    block.queueLimitBytes().orElse(connection.queueLimitBytes()))
                .withHandlerTimeout(block.handlerTimeout().orElse(connection.handlerTimeout()))
                .withInboundLimits(new InboundLimits(block.framesPerSecond().orElse(inbound.framesPerSecond()),
                                                     block.bytesPerSecond().orElse(inbound.bytesPerSecond())));
    }

    /**
     * permessage-deflate for a protocol's connections: the server's, with the protocol's own {@code compression}
     * keys where it sets them.
     *
     * @param protocol protocol name
     * @return the settings
     */
    public CompressionSettings compression(String protocol) {
        ProtocolBlock block = protocol(protocol);
        return new CompressionSettings(block.compressionEnabled().orElse(compression.enabled()),
                                       block.compressionThreshold().orElse(compression.thresholdBytes()));
    }

    /**
     * The origins whose pages may open sessions of a protocol: its own {@code allowed-origins} if it has the key,
     * else the server's.
     *
     * @param protocol protocol name
     * @return the policy
     */
    public OriginPolicy originPolicy(String protocol) {
        return protocol(protocol).allowedOrigins().orElse(allowedOrigins);
    }

    // At least one thread; the default leaves room for many handlers blocked on I/O at once, each holding a platform
    // thread (its stack is reserved address space, committed only as far as it is used).
    private static int handlerThreads(Config switchboard) {
        String text = ConfigNodes.text(switchboard.get("max-handler-threads")).orElse(String.valueOf(DEFAULT_HANDLER_THREADS));
        int threads = ConfigValues.count("switchboard.max-handler-threads", text);
        if (threads < 1) {
            throw new ConfigError("switchboard.max-handler-threads", text, "must be at least 1");
        }
        return threads;
    }

    private static Duration duration(Config switchboard, String key, String defaultValue) {
        return ConfigValues.duration("switchboard." + key, ConfigNodes.text(switchboard.get(key)).orElse(defaultValue));
    }

    private static Duration positiveDuration(Config switchboard, String key, String defaultValue) {
        return ConfigValues.positiveDuration("switchboard." + key, ConfigNodes.text(switchboard.get(key)).orElse(defaultValue));
    }

    // A misspelled section (switchbord:, servr:) would otherwise leave every setting in it at its default, silently.
    // Java's system properties are top-level keys of the configuration too (java.version, user.home, any -D): a
    // name that some system property starts with is theirs.
    private static void rejectUnknownTopLevelKeys(Config root) {
        for (Config child : ConfigNodes.children(root)) {
            String name = child.name();
            if (!TOP_LEVEL_KEYS.contains(name) && System.getProperties().stringPropertyNames().stream()
                    .noneMatch(property -> property.equals(name) || property.startsWith(name + "."))) {
                throw new ConfigError(name + ": unknown top-level key (known keys: "
                                              + String.join(", ", TOP_LEVEL_KEYS) + ")");
            }
        }
    }

    private static void rejectUnknownKeys(Config switchboard) {
        for (Config child : ConfigNodes.children(switchboard)) {
            if (!VALUE_KEYS.contains(child.name()) && !SECTIONS.contains(child.name())) {
                Set<String> known = new TreeSet<>(VALUE_KEYS);
                known.addAll(SECTIONS);
                throw new ConfigError("switchboard." + child.name() + ": unknown key (known keys: "
                                              + String.join(", ", known) + ")");
            }
        }
    }
}
