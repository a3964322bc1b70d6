package dev.switchboard.server.cluster;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.channel.ChannelRelay;
import dev.switchboard.server.config.ClusterSettings;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.ClusterMeters;
import dev.switchboard.server.metrics.ServerMetrics;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;

/**
 * This server as a node of a cluster: its connections to the Redis server the nodes share, and their state for health,
 * metrics and {@code /protocols}. Its {@link #channels() channels} run every protocol's channels through Redis.
 *
 * <p>Why Lettuce: it reconnects by itself with a backoff and subscribes again to what a Pub/Sub connection was
 * subscribed to; one connection is thread-safe and shared by every thread (one for commands, one for Pub/Sub, for the
 * whole server); and its futures are {@link java.util.concurrent.CompletionStage}s, so that
 * {@link dev.switchboard.api.Channel#publish(String)} stays asynchronous and never blocks a handler thread.
 *
 * <p>Failure behaviour: Redis unreachable at start stops the start ({@link StartupException} with the URI, its
 * password masked, and the cause). While running, a lost connection is retried with a backoff from
 * {@value LettuceClient#RECONNECT_MIN_MILLIS} ms to {@value LettuceClient#RECONNECT_MAX_MILLIS} ms (see
 * {@link LettuceClient}); meanwhile commands are rejected at once (never buffered): a publish fails, a join throws,
 * this node's members receive nothing, and health names the node degraded with the reason. Once reconnected, Lettuce
 * restores the subscriptions and health is up again. Lettuce's own per-attempt log lines are silenced; this class
 * logs the loss and the recovery at a throttled pace.
 */
public final class RedisCluster implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(RedisCluster.class.getName());

    private final ClusterSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final ClusterMeters meters;
    private final ThrottledLog log;
    private final Set<RedisChannelHandler<?, ?>> disconnected = ConcurrentHashMap.newKeySet();
    private final AtomicLong epoch = new AtomicLong();
    private volatile StatefulRedisConnection<byte[], byte[]> commands;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> pubsub;
    private volatile RedisRelay relay;
    private volatile RedisPresence presence;
    private final NodeName node;
    private final AtomicReference<Instant> downSince = new AtomicReference<>();
    private volatile boolean closed;

    private RedisCluster(ClusterSettings settings, ClientResources resources, RedisClient client, ServerMetrics metrics) {
        this.settings = settings;
        this.resources = resources;
        this.client = client;
        this.meters = metrics.cluster(this::connected);
        this.log = new ThrottledLog(LOGGER, System.Logger.Level.WARNING,
                                    new LogThrottle(5, Duration.ofSeconds(10), System::nanoTime, "cluster line",
                                                    "switchboard_cluster_connected and health show the state"));
        this.node = new NodeName(settings.node());
    }

    /**
     * Connects to Redis.
     *
     * @param settings the cluster settings, with a Redis URI
     * @param metrics  where the node's meters go
     * @return the connected cluster node
     * @throws StartupException if Redis cannot be reached, naming the URI (password masked) and the cause
     */
    public static RedisCluster connect(ClusterSettings settings, ServerMetrics metrics) {
        String masked = settings.maskedRedis().orElseThrow(() -> new IllegalArgumentException("no Redis URI"));
        ClientResources resources = LettuceClient.resources();
        RedisClient client = LettuceClient.create(resources, settings.redis().orElseThrow());
        RedisCluster cluster = new RedisCluster(settings, resources, client, metrics);
        try {
            cluster.open();
        } catch (RuntimeException e) {
            cluster.close();
            throw new StartupException("Cannot reach Redis at " + masked + " (" + ClusterSettings.REDIS_KEY + "): "
                                               + ClusterSettings.mask(LettuceClient.describe(e)));
        }
        return cluster;
    }

    /**
     * Every protocol's channels, through this node's connection to Redis.
     *
     * @return the engines
     */
    public ChannelEngines channels() {
        return ChannelEngines.cluster(relay);
    }

    /**
     * The relay the channels use.
     *
     * @return the relay
     */
    public ChannelRelay relay() {
        return relay;
    }

    /**
     * The connections of every node, as {@link dev.switchboard.api.ServerConnections} lists them on this one.
     *
     * @return the presence
     */
    public ClusterPresence presence() {
        return presence;
    }

    /**
     * The live nodes of the cluster, this one first, as this node's heartbeats and the other nodes' announcements left
     * them.
     *
     * @return the members; this node alone while Redis has not answered for a heartbeat's time to live
     */
    public List<ClusterMember> members() {
        return presence.members();
    }

    /**
     * Removes this node from the cluster's presence at once, so that the other nodes stop listing its connections:
     * the first step of a clean stop. Doing it twice does nothing more; closing does it too.
     */
    public void leave() {
        presence.leave();
    }

    /**
     * Names the node after the server listens, unless {@code switchboard.cluster.node} named it: the host name and the
     * port. Registers the node's meters, which carry the name, and starts publishing the node's presence.
     *
     * @param port            the port the server listens on
     * @param connectionLimit the most connections this node takes: the most entries it keeps of another node
     */
    public void listening(int port, int connectionLimit) {
        listening(port);
        presence.start(connectionLimit);
    }

    /**
     * Names the node after the server listens, unless {@code switchboard.cluster.node} named it: the host name and the
     * port. Registers the node's meters, which carry the name.
     *
     * @param port the port the server listens on
     */
    public void listening(int port) {
        node.listening(port);
        meters.register(node.name());
        LOGGER.log(System.Logger.Level.INFO, "Cluster node " + node.name() + " uses Redis at " + maskedRedis());
    }

    /**
     * This node's name.
     *
     * @return the name, or the host name alone before the server listens
     */
    public String node() {
        return node.name();
    }

    /**
     * The Redis URI, its password masked.
     *
     * @return the URI
     */
    public String maskedRedis() {
        return settings.maskedRedis().orElse("");
    }

    /**
     * Whether both connections to Redis are up.
     *
     * @return {@code true} while connected
     */
    public boolean connected() {
        return !closed && commands != null && pubsub != null && disconnected.isEmpty();
    }

    /**
     * Why the node is degraded, if it is.
     *
     * @return the reason while disconnected from Redis
     */
    public Optional<String> degradedReason() {
        if (connected()) {
            return Optional.empty();
        }
        Instant since = downSince.get();
        return Optional.of("Redis at " + maskedRedis() + " unreachable"
                                   + (since == null ? "" : " since " + since.truncatedTo(ChronoUnit.SECONDS))
                                   + "; reconnecting; channel publishes fail and members receive nothing meanwhile");
    }

    /**
     * Closes the connections and stops Lettuce's threads. Closing twice does nothing more.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (presence != null) {
            presence.leave();
        }
        try {
            if (commands != null && connected()) {
                // Commands go in order on one connection: once this answers, the leaves sent before it are done.
                commands.async().ping().get(1, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Redis did not answer before closing: " + e);
        }
        closed = true;
        try {
            if (pubsub != null) {
                pubsub.close();
            }
            if (commands != null) {
                commands.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING,
                       "Closing the Redis client: " + ClusterSettings.mask(LettuceClient.describe(e)));
        } finally {
            try {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.WARNING, "Stopping the Redis client's threads: " + e);
            }
        }
    }

    private void open() {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                connectionUp(connection);
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                connectionDown(connection);
            }
        });
        commands = client.connect(ByteArrayCodec.INSTANCE);
        pubsub = client.connectPubSub(ByteArrayCodec.INSTANCE);
        RedisScript.loadInto(commands.sync());
        RedisLink redis = new RedisLink(commands.async(), pubsub.async(), log);
        relay = new RedisRelay(redis, meters, this::node, epoch::get);
        presence = new RedisPresence(redis, this::node);
        meters.watchPresence(presence::nodeCount, () -> presence.remote().size());
    }

    private void connectionUp(RedisChannelHandler<?, ?> connection) {
        // A new epoch for every Pub/Sub connection: sequence numbers may start again if Redis restarted empty.
        if (connection instanceof StatefulRedisPubSubConnection<?, ?> || connection == pubsub || pubsub == null) {
            epoch.incrementAndGet();
        }
        if (disconnected.remove(connection)) {
            meters.reconnected();
            // Both connections come back together, each on its own thread, and both may see the set empty: the one
            // that ends the outage logs it.
            if (disconnected.isEmpty() && downSince.getAndSet(null) != null) {
                LOGGER.log(System.Logger.Level.INFO, "Cluster node " + node() + " reconnected to Redis at "
                        + maskedRedis());
            }
        }
    }

    private void connectionDown(RedisChannelHandler<?, ?> connection) {
        if (closed) {
            return;
        }
        // Both connections drop together: one line for the two.
        if (disconnected.add(connection) && downSince.compareAndSet(null, Instant.now())) {
            log.log("Cluster node " + node() + " lost its connection to Redis at " + maskedRedis()
                            + "; reconnecting with backoff; channel publishes fail meanwhile");
        }
    }
}
