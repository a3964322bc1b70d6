package dev.switchboard.server.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.cluster.ClusterPresence;
import dev.switchboard.server.cluster.NodeName;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.listener.ListenerBindings;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.PluginDirectory;
import dev.switchboard.server.plugin.PluginOpener;

/**
 * The protocols of a server: every plugin of the protocols directory (a jar, or a folder of jars) loaded in its own
 * class loader, and every enabled protocol started. A broken plugin, one built against a newer protocol API, or a
 * protocol that fails to start is reported and left out; two plugins offering one protocol, or a configured protocol
 * that no plugin provides, stop the start.
 *
 * <p>While the server runs, {@link #load} and {@link #remove} take in a plugin that was added, replaced or removed.
 * Each load makes a new generation of the plugin's protocols: new handshakes find the newest generation at once, and
 * the older one drains (see {@link ProtocolRuntime}). A draining generation's sessions still open after
 * {@code switchboard.reload.drain-timeout} are closed with 1012; once none is left (and not before the protocol's
 * handler timeout and a second have passed, for handshakes that found it just before), the generation is stopped and
 * its class loader closed. A plugin that fails to load leaves the generation it would have replaced serving.
 *
 * <p>A protocol's meters and channels belong to its name, not to a generation: the series go on across a reload,
 * and the sessions of the old and the new generation in one channel keep hearing each other while the old drain (on a
 * cluster node one Redis subscription per channel serves both).
 *
 * <p>The parts: {@link InitialLoad} starts the protocols, {@link PluginReloads} takes the changes while the server
 * runs, {@link ProtocolGenerations} holds what runs and reports it, and {@link GenerationResources} starts and stops
 * generations with what they share.
 */
public final class ProtocolCatalog {

    // How long a stopping server waits for the close events of the sessions it ends, before stopping the protocols.
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(1);

    private final ListenerBindings listeners;
    private final ProtocolGenerations generations = new ProtocolGenerations();
    private final GenerationResources resources;
    private final PluginReloads reloads;

    private ProtocolCatalog(SwitchboardConfig config, ServerMetrics metrics, ChannelEngines channelEngines,
                            ClusterPresence presence) {
        this.listeners = ListenerBindings.from(config);
        // Copies the protocols load from, when the server reloads: a cp over a jar must not change an older generation.
        this.resources = new GenerationResources(generations, metrics, channelEngines, new OpenConnections(presence),
                                                 new PluginOpener(listeners, config.reload().watch()));
        this.reloads = new PluginReloads(config, generations, resources, metrics);
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
        List<Path> plugins = PluginDirectory.plugins(dir);
        ProtocolCatalog catalog = new ProtocolCatalog(config, metrics, channels, presence);
        try {
            new InitialLoad(config, catalog.generations, catalog.resources, catalog.listeners).run(plugins);
            return catalog;
        } catch (RuntimeException | Error e) {
            catalog.stop();
            throw e;
        }
    }

    /**
     * Loads a plugin that was added to the protocols directory, or replaced, while the server runs: its protocols
     * start as new generations, and the generations they replace drain. A plugin that fails to load, or whose
     * protocol fails to start, changes nothing but the failure shown in the protocol list.
     *
     * @param plugin the jar or plugin folder in the protocols directory
     */
    public void load(Path plugin) {
        reloads.load(plugin);
    }

    /**
     * Takes a reloaded configuration: every plugin with a protocol whose block changed (options, enabled, limits) is
     * loaded again, so that the protocol starts as a new generation with its new settings, or stops being negotiated
     * when it was disabled, or starts when it was enabled; the older generations drain. A protocol that refuses its
     * new options ({@code ProtocolConfigException}) refuses the whole configuration, as at the start, and nothing
     * changes; a plugin that fails otherwise keeps its running generation, as a failed plugin reload does.
     *
     * @param next the new configuration, already checked
     * @throws ConfigError with the protocol's message, when a protocol refuses its new options
     */
    public void reconfigure(SwitchboardConfig next) {
        reloads.reconfigure(next);
    }

    /**
     * Takes out the protocols of a plugin that was removed from the protocols directory: they are no longer
     * negotiated, and their sessions drain.
     *
     * @param plugin the jar or plugin folder that was in the protocols directory
     */
    public void remove(Path plugin) {
        reloads.remove(plugin);
    }

    /**
     * A running protocol by name: its newest generation.
     *
     * @param name the subprotocol token
     * @return the protocol, if it is loaded and enabled
     */
    public Optional<ProtocolRuntime> find(String name) {
        return generations.find(name);
    }

    /**
     * The names of the running protocols, in the order their jars were found, for messages.
     *
     * @return comma-separated names
     */
    public String names() {
        return String.join(", ", generations.newest().keySet());
    }

    /**
     * The running protocols whose handlers keep stalling (see {@link ProtocolRuntime#keepsStalling()}).
     *
     * @return their names, in the order of {@link #names()}
     */
    public List<String> stalling() {
        return generations.all().filter(ProtocolRuntime::keepsStalling).map(ProtocolRuntime::name).distinct().toList();
    }

    /**
     * The state of every protocol and failed jar.
     *
     * @return running protocols first (with their generations), then protocols whose plugin was removed and whose
     *         sessions drain, then disabled and failed ones
     */
    public List<ProtocolStatus> statuses() {
        return generations.statuses();
    }

    /**
     * The jars and providers that failed to load or start, at the start or at their latest reload.
     *
     * @return their statuses, each with its jar and error
     */
    public List<ProtocolStatus> failed() {
        return generations.failed();
    }

    /**
     * Closes every open session, of every generation, and waits until they are gone or the time is up.
     *
     * @param status  the close status to send
     * @param maxWait how long to wait for the closing handshakes
     */
    public void closeSessions(CloseStatus status, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        // Closing again on every pass reaches sessions that were still opening on the pass before; close() on a
        // closing session does nothing.
        while (generations.all().anyMatch(r -> r.openSessions() > 0) && System.nanoTime() < deadline) {
            generations.all().forEach(runtime -> runtime.sessions().forEach(session -> session.close(status)));
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops every generation of every protocol and its timers, after ending the sessions still open, and takes no
     * more reloads.
     */
    public void stop() {
        reloads.shutdown();
        endSessions(CloseStatus.GOING_AWAY.withReason("server stopped"));
        List<ProtocolRuntime> stopped = generations.all().toList();
        stopped.forEach(GenerationResources::stopQuietly);
        generations.clear();
        stopped.forEach(runtime -> PluginOpener.closeLoader(runtime.discovered()));
        resources.opener().close();
    }

    // Ends what is still open and waits, one deadline for all protocols, until every close event has returned: a
    // protocol is stopped after its sessions' close events, or after ABANDON_WAIT for a handler that does not return.
    // Each pass ends sessions that were still opening on the pass before.
    private void endSessions(CloseStatus status) {
        long deadline = System.nanoTime() + ABANDON_WAIT.toNanos();
        do {
            generations.all().forEach(runtime -> runtime.generationSessions().abandonAll(status));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (generations.all().anyMatch(runtime -> runtime.generationSessions().any())
                && System.nanoTime() < deadline);
    }
}
