package dev.switchboard.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.config.Config;

import static dev.switchboard.server.config.ConfigNodes.children;
import static dev.switchboard.server.config.ConfigNodes.text;

/**
 * Whether and how this server runs as a node of a cluster ({@code switchboard.cluster}).
 *
 * <p>The Redis URI may hold a password: {@link #maskedRedis()} and {@link #toString()} never show it, and every
 * message, log line and endpoint uses them.
 *
 * @param redis the Redis server the nodes share ({@code switchboard.cluster.redis}), a {@code redis://} or
 *              {@code rediss://} URI; empty for a single node with in-process channels
 * @param node  this node's name ({@code switchboard.cluster.node}); empty for the host name and port
 */
public record ClusterSettings(Optional<String> redis, Optional<String> node) {

    /** The key of the Redis URI. */
    public static final String REDIS_KEY = "switchboard.cluster.redis";
    /** The key of the node's name. */
    public static final String NODE_KEY = "switchboard.cluster.node";
    /** A single node: no cluster. */
    public static final ClusterSettings NONE = new ClusterSettings(Optional.empty(), Optional.empty());

    private static final String MASK = "****";
    // user:password@ or :password@ in the authority (up to its last @: a password may hold one), and a password=...
    // query parameter.
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(?<=//)([^/?#@:]*):[^/?#]*@");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&]password=)[^&]*");

    /**
     * Checks the values.
     *
     * @param redis the Redis URI
     * @param node  the node's name
     */
    public ClusterSettings {
        Objects.requireNonNull(redis, "redis is null");
        Objects.requireNonNull(node, "node is null");
    }

    /**
     * Reads and validates {@code switchboard.cluster.redis} and {@code switchboard.cluster.node}.
     *
     * @param redis the URI as written, or empty
     * @param node  the node's name as written, or empty
     * @return the settings
     * @throws ConfigError naming the key, with the password masked, when the URI is not a Redis URI
     */
    public static ClusterSettings of(Optional<String> redis, Optional<String> node) {
        Optional<String> uri = redis.map(String::trim).filter(s -> !s.isEmpty());
        uri.ifPresent(ClusterSettings::check);
        Optional<String> name = node.map(String::trim).filter(s -> !s.isEmpty());
        name.ifPresent(n -> {
            if (n.length() > 200 || n.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                throw new ConfigError(NODE_KEY, n, "must be 1 to 200 printable characters without spaces");
            }
        });
        return new ClusterSettings(uri, name);
    }

    /**
     * Whether the server runs as a cluster node.
     *
     * @return {@code true} when a Redis URI is set
     */
    public boolean clustered() {
        return redis.isPresent();
    }

    /**
     * The Redis URI with its password replaced by {@value #MASK}.
     *
     * @return the masked URI, empty when there is none
     */
    public Optional<String> maskedRedis() {
        return redis.map(ClusterSettings::mask);
    }

    /**
     * A text with any password of a Redis URI in it masked, for messages that quote a URI or a client's error.
     *
     * @param text the text
     * @return the text, masked
     */
    public static String mask(String text) {
        String masked = USER_INFO_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1" + MASK);
    }

    @Override
    public String toString() {
        return "ClusterSettings[redis=" + maskedRedis().orElse("") + ", node=" + node.orElse("") + "]";
    }

    private static void check(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigError(REDIS_KEY, mask(text), "is not a URI (" + mask(e.getReason()) + ")");
        }
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw new ConfigError(REDIS_KEY, mask(text), "must be a redis:// or rediss:// URI");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigError(REDIS_KEY, mask(text), "names no host (redis://[:password@]host[:port][/database])");
        }
        if (uri.getPort() > 65535) {
            throw new ConfigError(REDIS_KEY, mask(text), "has a port over 65535");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,5}")) {
            throw new ConfigError(REDIS_KEY, mask(text), "has a path that is not a database number");
        }
    }

    /**
     * Reads the {@code switchboard.cluster} section: redis and node, both optional; no redis means a single node.
     *
     * @param node the section
     * @return the settings
     * @throws ConfigError for an unknown key or a bad value
     */
    static ClusterSettings from(Config node) {
        for (Config child : children(node)) {
            if (!Set.of("redis", "node").contains(child.name())) {
                throw new ConfigError("switchboard.cluster." + child.name() + ": unknown key (known keys: node, redis)");
            }
        }
        return ClusterSettings.of(text(node.get("redis")), text(node.get("node")));
    }
}
