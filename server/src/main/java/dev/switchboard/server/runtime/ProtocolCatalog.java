package dev.switchboard.server.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.Session;
import dev.switchboard.server.StartupException;
import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.ProtocolOptions;
import dev.switchboard.server.config.ProtocolSettings;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.listener.ListenerBindings;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.ProtocolJarException;
import dev.switchboard.server.plugin.ProtocolJarLoader;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The protocols of a server: every plugin of the protocols directory (a jar, or a folder of jars) loaded in its own
 * class loader, and every enabled protocol started. A broken plugin, one built against a newer protocol API, or a
 * protocol that fails to start is reported and left out; two plugins offering one protocol, or a configured protocol
 * that no plugin provides, stop the start.
 */
public final class ProtocolCatalog {

    private static final System.Logger LOGGER = System.getLogger(ProtocolCatalog.class.getName());
    // How long a stopping server waits for the close events of the sessions it ends, before stopping the protocols.
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(1);

    private final Map<String, ProtocolRuntime> running;
    private final List<ProtocolStatus> inactive;

    private ProtocolCatalog(Map<String, ProtocolRuntime> running, List<ProtocolStatus> inactive) {
        this.running = running;
        this.inactive = inactive;
    }

    /**
     * Loads and starts the protocols the configuration asks for.
     *
     * @param config  the server configuration
     * @param metrics where each started protocol registers its meters
     * @return the catalog
     * @throws StartupException when the server must not start
     */
    public static ProtocolCatalog start(SwitchboardConfig config, ServerMetrics metrics) {
        NodeName node = new NodeName(config.cluster().node());
        return start(config, metrics, ChannelEngines.local(), ClusterPresence.single(node::name));
    }

    /**
     * Loads and starts the protocols the configuration asks for, with their channels made by the given engines.
     *
     * @param config   the server configuration
     * @param metrics  where each started protocol registers its meters
     * @param channels makes each protocol's channels: on this node, or across a cluster
     * @param presence names this node and lists the other nodes' connections in
     *                 {@link dev.switchboard.api.ServerConnections}
     * @return the catalog
     * @throws StartupException when the server must not start
     */
    public static ProtocolCatalog start(SwitchboardConfig config,
                                        ServerMetrics metrics,
                                        ChannelEngines channels,
                                        ClusterPresence presence) {
        Path dir = config.protocolsDir();
        List<ProtocolStatus> inactive = new ArrayList<>();
        Map<String, DiscoveredProtocol> discovered = new LinkedHashMap<>();
        ListenerBindings listeners = ListenerBindings.from(config);
        for (Path plugin : plugins(dir)) {
            try {
                for (DiscoveredProtocol found : ProtocolJarLoader.load(plugin, listeners)) {
                    DiscoveredProtocol other = discovered.putIfAbsent(found.name(), found);
                    if (other != null) {
                        closeLoaders(discovered.values(), Map.of());
                        throw new StartupException(other.jar().equals(found.jar())
                                ? found.jarName() + " has two providers of protocol '" + found.name() + "'"
                                : "Protocol '" + found.name() + "' is provided by both " + other.jarName() + " and "
                                        + found.jarName() + " in " + dir + "; remove one of them");
                    }
                }
            } catch (ProtocolJarException e) {
                LOGGER.log(ERROR, "Protocol jar failed to load: " + e.getMessage());
                inactive.add(failed(Optional.empty(), Optional.empty(), e.source(), e.getMessage()));
            }
        }
        try {
            listeners.requireListed(discovered.keySet(), inactive.stream().map(ProtocolStatus::jar).toList());
            requireProviders(config, discovered, inactive);
        } catch (StartupException e) {
            closeLoaders(discovered.values(), Map.of());
            throw e;
        }

        Map<String, ProtocolRuntime> running = new LinkedHashMap<>();
        OpenConnections allConnections = new OpenConnections(presence);
        ProtocolCatalog catalog = new ProtocolCatalog(running, inactive);
        for (DiscoveredProtocol protocol : discovered.values()) {
            ProtocolSettings settings = config.protocol(protocol.name());
            if (!settings.enabled()) {
                LOGGER.log(INFO, "Protocol " + protocol.name() + " " + protocol.version() + " from "
                        + protocol.jarName() + " is disabled by " + settings.key() + ".enabled");
                inactive.add(new ProtocolStatus(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                                protocol.jarName(), ProtocolStatus.State.DISABLED,
                                                Optional.empty(), 0));
                continue;
            }
            ProtocolOptions options = new ProtocolOptions(settings);
            ProtocolRuntime runtime = new ProtocolRuntime(protocol, options, allConnections, metrics, channels);
            try {
                runtime.start();
                running.put(protocol.name(), runtime);
                LOGGER.log(INFO, "Loaded protocol " + protocol.name() + " " + protocol.version() + " from "
                        + protocol.jarName());
                for (String key : options.unreadKeys()) {
                    LOGGER.log(WARNING, key + ": protocol " + protocol.name() + " has no such option; ignored");
                }
            } catch (ProtocolConfigException e) {
                runtime.stop();
                catalog.stop();
                closeLoaders(discovered.values(), Map.of());
                throw new ConfigError(e.getMessage());
            } catch (RuntimeException | Error e) {
                runtime.stop();
                // Series only for protocols that serve.
                runtime.meters().remove();
                String error = protocol.jarName() + ": protocol " + protocol.name() + " failed to start: "
                        + ProtocolJarLoader.causeText(e);
                LOGGER.log(ERROR, error);
                inactive.add(failed(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                    protocol.jarName(), error));
            }
        }
        config.defaultProtocol().ifPresent(name -> {
            if (!running.containsKey(name)) {
                catalog.stop();
                closeLoaders(discovered.values(), Map.of());
                throw new ConfigError("switchboard.default-protocol", name,
                                      "is not a loaded and enabled protocol (loaded: " + catalog.names() + ")");
            }
        });
        // Jars none of whose protocols run (disabled, or failed to start) need not stay open.
        closeLoaders(discovered.values(), running);
        if (running.isEmpty()) {
            LOGGER.log(WARNING, "No protocol is loaded from " + dir
                    + ": every WebSocket handshake will be refused");
        }
        return catalog;
    }

    /**
     * A running protocol by name.
     *
     * @param name the subprotocol token
     * @return the protocol, if it is loaded and enabled
     */
    public Optional<ProtocolRuntime> find(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /**
     * The names of the running protocols, in the order their jars were found, for messages.
     *
     * @return comma-separated names
     */
    public String names() {
        return String.join(", ", running.keySet());
    }

    /**
     * The running protocols whose handlers keep stalling (see {@link ProtocolRuntime#keepsStalling()}).
     *
     * @return their names, in the order of {@link #names()}
     */
    public List<String> stalling() {
        return running.values().stream().filter(ProtocolRuntime::keepsStalling).map(ProtocolRuntime::name).toList();
    }

    /**
     * The state of every protocol and failed jar.
     *
     * @return running protocols first, then disabled and failed ones
     */
    public List<ProtocolStatus> statuses() {
        List<ProtocolStatus> all = new ArrayList<>(running.size() + inactive.size());
        for (ProtocolRuntime runtime : running.values()) {
            DiscoveredProtocol protocol = runtime.discovered();
            all.add(new ProtocolStatus(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                       protocol.jarName(), ProtocolStatus.State.LOADED, Optional.empty(),
                                       runtime.openSessions()));
        }
        all.addAll(inactive);
        return all;
    }

    /**
     * The jars and providers that failed to load or start.
     *
     * @return their statuses, each with its jar and error
     */
    public List<ProtocolStatus> failed() {
        return inactive.stream().filter(status -> status.state() == ProtocolStatus.State.FAILED).toList();
    }

    /**
     * Closes every open session and waits until they are gone or the time is up.
     *
     * @param status  the close status to send
     * @param maxWait how long to wait for the closing handshakes
     */
    public void closeSessions(CloseStatus status, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        // Closing again on every pass reaches sessions that were still opening on the pass before; close() on a
        // closing session does nothing.
        while (running.values().stream().anyMatch(r -> r.openSessions() > 0) && System.nanoTime() < deadline) {
            for (ProtocolRuntime runtime : running.values()) {
                for (Session session : runtime.sessions()) {
                    session.close(status);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops every running protocol and its timers, after ending the sessions still open.
     */
    public void stop() {
        endSessions(CloseStatus.GOING_AWAY.withReason("server stopped"));
        for (ProtocolRuntime runtime : running.values()) {
            try {
                runtime.stop();
            } catch (RuntimeException | Error e) {
                LOGGER.log(ERROR, "Protocol " + runtime.name() + " failed to stop: " + ProtocolJarLoader.causeText(e));
            }
        }
        closeLoaders(running.values().stream().map(ProtocolRuntime::discovered).toList(), Map.of());
    }

    // Ends what is still open and waits, one deadline for all protocols, until every close event has returned: a
    // protocol is stopped after its sessions' close events, or after ABANDON_WAIT for a handler that does not return.
    // Each pass ends sessions that were still opening on the pass before.
    private void endSessions(CloseStatus status) {
        long deadline = System.nanoTime() + ABANDON_WAIT.toNanos();
        do {
            running.values().forEach(runtime -> runtime.abandonSessions(status));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (running.values().stream().anyMatch(ProtocolRuntime::hasSessions) && System.nanoTime() < deadline);
    }

    // A jar's loader serves all of its protocols: close it only when none of them runs.
    private static void closeLoaders(Collection<DiscoveredProtocol> protocols, Map<String, ProtocolRuntime> running) {
        Set<ClassLoader> inUse = new HashSet<>();
        running.values().forEach(runtime -> inUse.add(runtime.loader()));
        for (DiscoveredProtocol protocol : protocols) {
            if (!inUse.contains(protocol.loader()) && protocol.loader() instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    LOGGER.log(System.Logger.Level.DEBUG, () -> "Closing the loader of " + protocol.jarName(), e);
                }
            }
        }
    }

    private static void requireProviders(SwitchboardConfig config,
                                         Map<String, DiscoveredProtocol> discovered,
                                         List<ProtocolStatus> failedJars) {
        for (ProtocolSettings settings : config.protocols().values()) {
            if (settings.enabled() && !discovered.containsKey(settings.name())) {
                StringBuilder message = new StringBuilder(settings.key())
                        .append(": no jar in ").append(config.protocolsDir())
                        .append(" provides protocol '").append(settings.name()).append("'");
                if (!failedJars.isEmpty()) {
                    message.append(" (jars that failed to load: ");
                    message.append(String.join(", ", failedJars.stream().map(ProtocolStatus::jar).toList()));
                    message.append(")");
                }
                message.append("; add its jar, or set ").append(settings.key()).append(".enabled: false");
                throw new ConfigError(message.toString());
            }
        }
    }

    // The plugins: every *.jar file and every folder (a plugin folder, see PluginFolder), by name. Hidden entries
    // (.git, an editor's .swp folder) are not plugins.
    private static List<Path> plugins(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigError("switchboard.protocols-dir", dir.toString(), "is not a directory");
        }
        List<Path> plugins = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, ProtocolCatalog::isPlugin)) {
            stream.forEach(plugins::add);
        } catch (IOException e) {
            throw new ConfigError("switchboard.protocols-dir", dir.toString(), "cannot be read: " + e.getMessage());
        }
        plugins.sort(null);
        return plugins;
    }

    private static boolean isPlugin(Path entry) {
        String name = entry.getFileName().toString();
        return !name.startsWith(".") && (Files.isDirectory(entry) || name.endsWith(".jar"));
    }

    private static ProtocolStatus failed(Optional<String> name, Optional<String> version, String source, String error) {
        return new ProtocolStatus(name, version, source, ProtocolStatus.State.FAILED, Optional.of(error), 0);
    }
}
