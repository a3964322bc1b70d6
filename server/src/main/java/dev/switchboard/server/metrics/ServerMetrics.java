package dev.switchboard.server.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * One server's meters, in Helidon's global registry, removed again when the server stops.
 *
 * <p>Why not a registry per server: in Helidon 4.5.0 every registry the metrics factory creates is a view of
 * Micrometer's one global composite registry, and the Prometheus output scrapes everything in it. A meter with the same
 * name and tags is the same meter whichever "registry" created it, so a registry per server would isolate nothing
 * (and each one adds another Prometheus registry to the global composite). The global registry is the honest choice:
 * one server per JVM owns its series, and a server that stops takes its meters with it, so the next one in the same
 * JVM (as in the tests) counts from zero. Two servers running at once in one JVM share their series.
 *
 * <p>Meters that change per message are looked up once per protocol ({@link ProtocolMeters}); refused handshakes,
 * rare by comparison, find their counter in a map keyed by protocol, reason and status.
 */
public final class ServerMetrics implements AutoCloseable {

    /** The {@code protocol} tag of a refusal that came before a protocol was chosen. */
    public static final String NO_PROTOCOL = "none";

    private final MeterRegistry registry;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();
    private final Map<Refusal, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> reloads = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Creates the server's meters, in Helidon's global registry.
     *
     * @return the metrics
     */
    public static ServerMetrics create() {
        return new ServerMetrics(Metrics.globalRegistry());
    }

    /**
     * The meters of one protocol, registered now so that their series exist from the start; only the close codes
     * ({@code switchboard_sessions_closed_total}) and the refusals appear when first counted.
     *
     * @param protocol     the protocol name
     * @param openSessions the protocol's open sessions, read at each scrape
     * @return the protocol's meters
     */
    public ProtocolMeters protocol(String protocol, IntSupplier openSessions) {
        return new ProtocolMeters(protocol, openSessions, this);
    }

    /**
     * The meters of this node of a cluster, registered once the node has its name ({@link ClusterMeters#register}).
     *
     * @param connected whether the node is connected to Redis, read at each scrape
     * @return the meters
     */
    public ClusterMeters cluster(BooleanSupplier connected) {
        return new ClusterMeters(this, connected);
    }

    /**
     * Counts a refused handshake.
     *
     * @param protocol the protocol that was chosen, or {@link #NO_PROTOCOL}
     * @param reason   why, e.g. {@code bad_key}
     * @param status   the HTTP status of the refusal
     */
    public void handshakeRefused(String protocol, String reason, int status) {
        Refusal refusal = new Refusal(protocol, reason, status);
        Counter counter = refusals.get(refusal);
        if (counter == null) {
            if (closed) {
                return;
            }
            counter = refusals.computeIfAbsent(refusal, this::refusalCounter);
        }
        counter.increment();
    }

    /**
     * Counts a reload of a plugin of the protocols directory while the server runs.
     *
     * @param plugin the jar's file name, or the plugin folder's name with a trailing {@code /}
     * @param result {@code loaded}, {@code failed} or {@code removed}
     */
    public void reloaded(String plugin, String result) {
        if (closed) {
            return;
        }
        reloads.computeIfAbsent(List.of(plugin, result), key -> register(
                Counter.builder("switchboard.reloads")
                        .description("Plugins of the protocols directory loaded, failed or removed while the server "
                                             + "ran")
                        .tags(List.of(Tag.create("plugin", plugin), Tag.create("result", result)))))
                .increment();
    }

    /**
     * The meters of TCP connections before they are requests, registered now so that their series exist from the
     * start.
     *
     * @param open the connections open, read at each scrape
     * @param max  the connection budget
     * @return the meters
     */
    public ConnectionMeters connections(IntSupplier open, int max) {
        return new ConnectionMeters(this, open, max);
    }

    /**
     * Watches the number of protocol jars and providers that failed to load or start.
     *
     * @param failedProtocols the number, read at each scrape
     */
    public void watchFailedProtocols(IntSupplier failedProtocols) {
        register(Gauge.builder("switchboard.protocols.failed", failedProtocols::getAsInt)
                         .description("Protocol jars or providers that failed to load or start"));
    }

    /**
     * Watches how long a virtual thread waits to run.
     *
     * @param lagSeconds the lag in seconds, read at each scrape
     */
    public void watchSchedulerLag(DoubleSupplier lagSeconds) {
        register(Gauge.builder("switchboard.scheduler.lag.seconds", lagSeconds::getAsDouble)
                         .description("How long a new virtual thread waited to run, or the age of the probe still "
                                              + "waiting"));
    }

    /**
     * What {@code /observe/metrics} serves: the registry, in Prometheus text format.
     *
     * @return the observer
     */
    public MetricsObserver observer() {
        return MetricsObserver.builder().meterRegistry(registry).build();
    }

    /**
     * Removes every meter this server registered. Counting goes on harmlessly on the removed meters, and no new series
     * is added, so the next server in this JVM starts from zero.
     */
    @Override
    public void close() {
        closed = true;
        remove(registered);
    }

    /**
     * Whether the server has stopped: a session that ends after that must not register a series (a close code seen
     * for the first time), which the next server in this JVM would inherit.
     *
     * @return {@code true} once closed
     */
    boolean closed() {
        return closed;
    }

    <B extends Meter.Builder<B, M>, M extends Meter> M register(B builder) {
        M meter = registry.getOrCreate(builder);
        registered.add(meter);
        if (closed) {
            // Registered while close() ran: it may have missed this one.
            remove(List.of(meter));
        }
        return meter;
    }

    void remove(Collection<? extends Meter> meters) {
        List<Meter> gone = List.copyOf(meters);
        gone.forEach(registry::remove);
        registered.removeAll(gone);
    }

    private Counter refusalCounter(Refusal refusal) {
        return register(Counter.builder("switchboard.handshakes.refused")
                                .description("WebSocket handshakes answered with an HTTP error")
                                .tags(List.of(Tag.create("protocol", refusal.protocol()),
                                              Tag.create("reason", refusal.reason()),
                                              Tag.create("status", Integer.toString(refusal.status())))));
    }

    private record Refusal(String protocol, String reason, int status) {
    }
}
