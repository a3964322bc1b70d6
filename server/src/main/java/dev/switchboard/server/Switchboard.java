package dev.switchboard.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.accept.AcceptedConnections;
import dev.switchboard.server.accept.ConnectionBudget;
import dev.switchboard.server.accept.FileDescriptors;
import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.cluster.ClusterPresence;
import dev.switchboard.server.cluster.NodeName;
import dev.switchboard.server.cluster.RedisCluster;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.config.TlsKeyCheck;
import dev.switchboard.server.handshake.HandshakeCheck;
import dev.switchboard.server.handshake.WebSocketEndpoint;
import dev.switchboard.server.health.SchedulerProbe;
import dev.switchboard.server.health.ServerState;
import dev.switchboard.server.http.WebServerSetup;
import dev.switchboard.server.logging.ConnectionFaultLog;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.reload.ProtocolsDirWatch;
import dev.switchboard.server.runtime.ProtocolCatalog;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;

/**
 * A running Switchboard: the protocols, and the Helidon web server that serves them, the page, the protocol list and
 * {@code /observe} (health and metrics) on one port.
 */
public final class Switchboard {

    private static final System.Logger LOGGER = System.getLogger(Switchboard.class.getName());

    private final ProtocolCatalog catalog;
    private final HandshakeCheck check;
    private final WebSocketEndpoint endpoint;
    private final WebServer server;
    private final AcceptedConnections connections;
    private final ServerState state;
    private final ServerMetrics metrics;
    private final SchedulerProbe scheduler;
    private final Duration shutdownTimeout;
    private final ConnectionFaultLog faultLog;
    private final Optional<RedisCluster> cluster;
    private final Optional<ProtocolsDirWatch> watch;
    private final AtomicReference<SwitchboardConfig> current;
    private final Path home;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Switchboard(ProtocolCatalog catalog,
                        HandshakeCheck check,
                        WebSocketEndpoint endpoint,
                        WebServer server,
                        AcceptedConnections connections,
                        ServerState state,
                        ServerMetrics metrics,
                        SchedulerProbe scheduler,
                        Duration shutdownTimeout,
                        ConnectionFaultLog faultLog,
                        Optional<RedisCluster> cluster,
                        Optional<ProtocolsDirWatch> watch,
                        AtomicReference<SwitchboardConfig> current,
                        Path home) {
        this.catalog = catalog;
        this.check = check;
        this.endpoint = endpoint;
        this.server = server;
        this.connections = connections;
        this.state = state;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.shutdownTimeout = shutdownTimeout;
        this.faultLog = faultLog;
        this.cluster = cluster;
        this.watch = watch;
        this.current = current;
        this.home = home;
    }

    /**
     * Validates the configuration, loads the protocols and starts listening.
     *
     * @param root the root configuration
     * @param home the directory a relative protocols directory is resolved against
     * @return the running server
     * @throws StartupException for anything the user must fix
     */
    public static Switchboard start(Config root, Path home) {
        SwitchboardConfig config = SwitchboardConfig.from(root, home);
        TlsKeyCheck.requireKey(root.get("server"));
        // Checked before Helidon binds, which would log a stack trace and carry on without a listener.
        bindFailure(config).ifPresent(reason -> {
            throw cannotListen(config, reason);
        });
        ServerState state = new ServerState();
        ServerMetrics metrics = ServerMetrics.create();
        Optional<RedisCluster> cluster = Optional.empty();
        NodeName nodeName;
        ProtocolsDirWatch.Baseline baseline;
        ProtocolCatalog catalog;
        try {
            // Before the protocols start: their channels run through it, and an unreachable Redis stops the start.
            if (config.cluster().clustered()) {
                cluster = Optional.of(RedisCluster.connect(config.cluster(), metrics));
            }
            NodeName single = new NodeName(config.cluster().node());
            nodeName = single;
            baseline = ProtocolsDirWatch.baseline(config.protocolsDir());
            catalog = ProtocolCatalog.start(config, metrics,
                                            cluster.map(RedisCluster::channels).orElse(ChannelEngines.local()),
                                            cluster.map(RedisCluster::presence)
                                                    .orElse(ClusterPresence.single(single::name)));
        } catch (RuntimeException e) {
            cluster.ifPresent(RedisCluster::close);
            metrics.close();
            throw e;
        }
        metrics.watchFailedProtocols(() -> catalog.failed().size());
        // Replaced by a configuration reload (SIGHUP): the handshake check and the endpoint read it per handshake.
        AtomicReference<SwitchboardConfig> current = new AtomicReference<>(config);
        HandshakeCheck check = WebServerSetup.handshakeCheck(config, catalog,
                                                             name -> current.get().originPolicy(name));
        WebSocketEndpoint endpoint = new WebSocketEndpoint(check, catalog, current::get);
        ConnectionFaultLog faultLog = ConnectionFaultLog.install();
        SchedulerProbe scheduler = SchedulerProbe.start();
        metrics.watchSchedulerLag(() -> scheduler.lag().toNanos() / 1e9);
        AcceptedConnections connections = null;
        try {
            // Set once the protocol jars are open, so that the reserve below the fd limit holds them.
            ConnectionBudget budget = ConnectionBudget.of(config.accept().maxConnections(),
                                                          FileDescriptors.ofThisProcess());
            budget.warning().ifPresent(warning -> LOGGER.log(System.Logger.Level.WARNING, warning));
            connections = new AcceptedConnections(budget, config.accept().handshakeTimeout(), metrics);
            WebServer server = WebServerSetup.start(WebServerSetup.webServer(
                    root, config, catalog, endpoint, check, metrics, connections, cluster,
                    WebServerSetup.observe(state, catalog, metrics, endpoint, scheduler, config, cluster)));
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                throw cannotListen(config, bindFailure(config).orElse("the port could not be bound"));
            }
            int port = server.port();
            nodeName.listening(port);
            cluster.ifPresent(node -> node.listening(port, budget.maxConnections()));
            // Once the server listens: a plugin dropped in from now on is served without a restart.
            Optional<ProtocolsDirWatch> watch = config.reload().watch()
                    ? Optional.of(ProtocolsDirWatch.start(config.protocolsDir(), catalog, baseline))
                    : Optional.empty();
            Switchboard switchboard = new Switchboard(catalog, check, endpoint, server, connections, state, metrics,
                                                      scheduler, config.shutdownTimeout(), faultLog, cluster, watch,
                                                      current, home);
            LOGGER.log(System.Logger.Level.INFO, budget.description());
            state.serving();
            LOGGER.log(System.Logger.Level.INFO, "Switchboard serves " + (server.hasTls() ? "https" : "http") + "://"
                    + config.host() + ":" + server.port() + "/ with WebSocket path " + config.path()
                    + " and protocols: " + catalog.names());
            return switchboard;
        } catch (RuntimeException e) {
            if (connections != null) {
                connections.close();
            }
            scheduler.close();
            faultLog.uninstall();
            endpoint.close();
            catalog.stop();
            cluster.ifPresent(RedisCluster::close);
            metrics.close();
            throw e;
        }
    }

    /**
     * Reloads the configuration (SIGHUP): checks it as the start does, and if it is good, applies what can change
     * while the server runs: protocol blocks (options, enabled, limits, sizes; a changed protocol starts a new
     * generation, see {@link ProtocolCatalog#reconfigure}), the server's session limits, sizes and allowed origins for
     * new handshakes. Keys that only a restart applies are named in a warning. A bad configuration is refused with the
     * message the start would give, and the running one stays.
     *
     * @param root the root configuration, read again
     * @return whether it was taken
     */
    public synchronized boolean reloadConfig(Config root) {
        if (stopped.get()) {
            return false;
        }
        SwitchboardConfig next;
        try {
            next = SwitchboardConfig.from(root, home);
            TlsKeyCheck.requireKey(root.get("server"));
        } catch (StartupException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Configuration reload refused, the running configuration stays: "
                    + e.getMessage());
            return false;
        }
        try {
            catalog.reconfigure(next);
        } catch (ConfigError e) {
            // A protocol refused its new options: as at the start, and nothing changed.
            LOGGER.log(System.Logger.Level.ERROR, "Configuration reload refused, the running configuration stays: "
                    + e.getMessage());
            return false;
        }
        List<String> restartOnly = RestartOnlyKeys.changed(current.getAndSet(next), next);
        if (!restartOnly.isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, "Configuration reload: " + String.join(", ", restartOnly)
                    + " changed; a restart applies " + (restartOnly.size() == 1 ? "it" : "them"));
        }
        LOGGER.log(System.Logger.Level.INFO, "Configuration reloaded; protocols: " + catalog.names());
        return true;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Closes every session with 1001, waits up to {@code switchboard.shutdown-timeout} for the clients' replies,
     * then stops listening, ends what is left, and stops the protocols. Stopping twice does nothing.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // Unready first, so that a load balancer looks elsewhere while sessions close.
        state.stopping();
        // Gone from the other nodes' lists at once, not as its sessions close one by one.
        cluster.ifPresent(RedisCluster::leave);
        watch.ifPresent(ProtocolsDirWatch::close);
        check.refuseAll();
        catalog.closeSessions(CloseStatus.GOING_AWAY.withReason("server shutting down"), shutdownTimeout);
        server.stop();
        connections.close();
        catalog.stop();
        cluster.ifPresent(RedisCluster::close);
        endpoint.close();
        scheduler.close();
        metrics.close();
        faultLog.uninstall();
    }

    private static StartupException cannotListen(SwitchboardConfig config, String reason) {
        String advice = reason.contains("in use") ? "; set server.port to a free port"
                : "; check server.host and server.port";
        return new StartupException("Cannot listen on " + config.host() + ":" + config.port() + " (" + reason + ")"
                                            + advice);
    }

    // Binding once ourselves tells whether the port is free, and if not, why, in the JDK's words.
    private static Optional<String> bindFailure(SwitchboardConfig config) {
        if (config.port() == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.host(), config.port()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
