package dev.switchboard.server.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.server.cluster.RedisCluster;
import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.runtime.ProtocolStatus;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.health.checks.HealthChecks;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.health.HealthObserverConfig;

/**
 * The server's health checks, with their details shown:
 * <ul>
 *     <li>readiness {@code switchboard}: UP only while the server takes handshakes: DOWN until the start is complete
 *     and from the moment a shutdown begins, so a load balancer stops sending new clients while sessions close;</li>
 *     <li>readiness {@code protocols}: always UP, listing the loaded protocols and every jar that failed to load or
 *     start, with its error. A broken jar does not make the server unready: every replica has the same jars, and
 *     taking them all out of service would cut off the protocols that work too. The failures are there to see (and
 *     counted by {@code switchboard_protocols_failed}). It also lists ({@code degraded}) the protocols whose handlers
 *     keep stalling (three calls past their {@code handler-timeout} within a minute); a stalling protocol does not
 *     make the server unready either, for the same reason, and {@code switchboard_handler_stalls_total} counts
 *     them;</li>
 *     <li>readiness {@code handlers}: DOWN while handler calls wait because every handler thread, up to
 *     {@code switchboard.max-handler-threads}, is busy: this replica cannot serve more now;</li>
 *     <li>liveness {@code scheduler}: DOWN while virtual threads wait longer than
 *     {@code switchboard.scheduler-lag-limit} to run (see {@link SchedulerProbe}): every connection waits as long, and
 *     a restart is what frees the carriers from code that never lets go of them;</li>
 *     <li>liveness {@code deadlock}: Helidon's check for deadlocked threads;</li>
 *     <li>readiness {@code cluster}, on a cluster node only: always UP, with the node's name, the Redis URI (password
 *     masked) and {@code connected}; while the node has lost Redis, {@code state} is {@code degraded} and
 *     {@code reason} says why, until it has reconnected. Not DOWN: every node shares the one Redis, and taking them all
 *     out of service would cut off what still works (sessions, protocols that use no channels).</li>
 * </ul>
 */
public final class ServerHealth {

    private final ServerState state;
    private final ProtocolCatalog catalog;
    private final HandlerThreads handlerThreads;
    private final SchedulerProbe scheduler;
    private final Duration schedulerLagLimit;
    private final Optional<RedisCluster> cluster;

    /**
     * Creates the checks.
     *
     * @param state             the server's phase
     * @param catalog           its protocols
     * @param handlerThreads    the threads that run handler calls
     * @param scheduler         the virtual-thread scheduler's probe
     * @param schedulerLagLimit the lag over which liveness is DOWN
     * @param cluster           the cluster node, if the server is one
     */
    public ServerHealth(ServerState state,
                        ProtocolCatalog catalog,
                        HandlerThreads handlerThreads,
                        SchedulerProbe scheduler,
                        Duration schedulerLagLimit,
                        Optional<RedisCluster> cluster) {
        this.state = state;
        this.catalog = catalog;
        this.handlerThreads = handlerThreads;
        this.scheduler = scheduler;
        this.schedulerLagLimit = schedulerLagLimit;
        this.cluster = cluster;
    }

    /**
     * What {@code /observe/health} serves.
     *
     * @return the observer
     */
    public HealthObserver observer() {
        HealthObserverConfig.Builder builder = HealthObserver.builder()
                .details(true)
                // Exactly the checks below: none discovered from whatever else is on the class path.
                .useSystemServices(false)
                .addCheck(this::serving, HealthCheckType.READINESS, "switchboard")
                .addCheck(this::protocols, HealthCheckType.READINESS, "protocols")
                .addCheck(this::handlers, HealthCheckType.READINESS, "handlers")
                .addCheck(this::scheduler, HealthCheckType.LIVENESS, "scheduler")
                .addCheck(HealthChecks.deadlockCheck());
        cluster.ifPresent(node -> builder.addCheck(() -> cluster(node), HealthCheckType.READINESS, "cluster"));
        return builder.build();
    }

    private static HealthCheckResponse cluster(RedisCluster node) {
        Optional<String> degraded = node.degradedReason();
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .status(true)
                .detail("node", node.node())
                .detail("redis", node.maskedRedis())
                .detail("connected", degraded.isEmpty())
                .detail("state", degraded.isEmpty() ? "up" : "degraded");
        degraded.ifPresent(reason -> response.detail("reason", reason));
        return response.build();
    }

    private HealthCheckResponse serving() {
        ServerState.Phase phase = state.phase();
        return HealthCheckResponse.builder()
                .status(phase == ServerState.Phase.SERVING)
                .detail("state", phase.label())
                .build();
    }

    private HealthCheckResponse protocols() {
        List<ProtocolStatus> failures = catalog.failed();
        Map<String, String> failedJars = new LinkedHashMap<>();
        for (ProtocolStatus failed : failures) {
            // A jar can fail more than once: one entry per provider that failed to start.
            failedJars.merge(failed.jar(), failed.error().orElse("failed"), (first, next) -> first + "; " + next);
        }
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .status(true)
                .detail("loaded", catalog.names())
                .detail("failed", failures.size());
        failedJars.forEach(response::detail);
        List<String> stalling = catalog.stalling();
        if (!stalling.isEmpty()) {
            response.detail("degraded", String.join(", ", stalling));
        }
        return response.build();
    }

    private HealthCheckResponse handlers() {
        return HealthCheckResponse.builder()
                .status(!handlerThreads.saturated())
                .detail("threads", handlerThreads.threads())
                .detail("blocked", handlerThreads.blocked())
                .detail("waiting", handlerThreads.waiting())
                .build();
    }

    private HealthCheckResponse scheduler() {
        Duration lag = scheduler.lag();
        return HealthCheckResponse.builder()
                .status(lag.compareTo(schedulerLagLimit) <= 0)
                .detail("lag", lag.toMillis() + " ms")
                .detail("limit", schedulerLagLimit.toMillis() + " ms")
                .build();
    }
}
