package dev.switchboard.server.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The meters of this node of a cluster, tagged with the node's name: publishes sent to Redis, messages queued to this
 * node's members from its subscriptions, the round trip of a publish, and reconnects. Counted in adders of their own,
 * which the scrape reads, as {@link ProtocolMeters} does.
 */
public final class ClusterMeters {

    private final LongAdder publishes = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final ServerMetrics server;
    private final BooleanSupplier connected;
    private volatile Timer publishRoundTrip;
    private volatile IntSupplier nodes = () -> 0;
    private volatile IntSupplier remoteConnections = () -> 0;

    ClusterMeters(ServerMetrics server, BooleanSupplier connected) {
        this.server = server;
        this.connected = connected;
    }

    /**
     * Where the presence gauges read, before {@link #register(String)}.
     *
     * @param nodes             the live nodes this node sees, itself included
     * @param remoteConnections the other nodes' connections this node lists
     */
    public void watchPresence(IntSupplier nodes, IntSupplier remoteConnections) {
        this.nodes = nodes;
        this.remoteConnections = remoteConnections;
    }

    /**
     * Registers the meters, tagged with the node's name, once the node has its name (the server's port may be known
     * only once it listens). Counting before that is kept.
     *
     * @param node the node's name
     */
    public void register(String node) {
        List<Tag> tags = List.of(Tag.create("node", node));
        server.register(FunctionalCounter.builder("switchboard.cluster.publishes", publishes, LongAdder::sum)
                                .description("Channel publishes this node sent to Redis and Redis ordered")
                                .tags(tags));
        server.register(FunctionalCounter.builder("switchboard.cluster.deliveries", deliveries, LongAdder::sum)
                                .description("Channel messages from Redis queued to this node's members")
                                .tags(tags));
        server.register(FunctionalCounter.builder("switchboard.cluster.reconnects", reconnects, LongAdder::sum)
                                .description("Connections to Redis restored after they were lost")
                                .tags(tags));
        server.register(Gauge.builder("switchboard.cluster.connected", () -> connected.getAsBoolean() ? 1 : 0)
                                .description("1 while this node is connected to Redis")
                                .tags(tags));
        server.register(Gauge.builder("switchboard.cluster.nodes", () -> nodes.getAsInt())
                                .description("Live cluster nodes this node sees, itself included; 1 while Redis has"
                                                     + " not answered for a heartbeat's time to live")
                                .tags(tags));
        server.register(Gauge.builder("switchboard.cluster.remote.connections", () -> remoteConnections.getAsInt())
                                .description("Connections of other nodes that this node lists")
                                .tags(tags));
        publishRoundTrip = server.register(Timer.builder("switchboard.cluster.publish.round.trip")
                                                   .description("From sending a publish to Redis to its answer")
                                                   .tags(tags));
    }

    /**
     * Counts a publish and its round trip.
     *
     * @param roundTrip from sending to the answer
     */
    public void published(Duration roundTrip) {
        publishes.increment();
        Timer timer = publishRoundTrip;
        if (timer != null) {
            timer.record(roundTrip);
        }
    }

    /**
     * Counts messages queued to members.
     *
     * @param messages how many
     */
    public void delivered(int messages) {
        deliveries.add(messages);
    }

    /** Counts a restored connection. */
    public void reconnected() {
        reconnects.increment();
    }
}
