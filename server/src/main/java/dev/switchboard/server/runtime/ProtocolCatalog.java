package dev.switchboard.server.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.Session;
import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.channel.ServerChannels;
import dev.switchboard.server.cluster.ClusterPresence;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.ProtocolOptions;
import dev.switchboard.server.config.ProtocolSettings;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.listener.ListenerBindings;
import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.PluginShadow;
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
 */
public final class ProtocolCatalog {

    private static final System.Logger LOGGER = System.getLogger(ProtocolCatalog.class.getName());
    // How long a stopping server waits for the close events of the sessions it ends, before stopping the protocols.
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(1);
    // Added to the handler timeout: how long a replaced generation stays for handshakes that found it just before.
    private static final Duration RETIRE_GRACE = Duration.ofSeconds(1);
    /** 1012 (Service Restart): what a draining session still open at the drain timeout is closed with. */
    public static final CloseStatus SERVICE_RESTART = CloseStatus.of(1012, "protocol reloaded");

    // Replaced by a configuration reload; read under the lock, or once per use.
    private volatile SwitchboardConfig config;
    private final ServerMetrics metrics;
    private final ChannelEngines channelEngines;
    private final ListenerBindings listeners;
    private final OpenConnections allConnections;
    // Copies the protocols load from, when the server reloads: a cp over a jar must not change an older generation.
    private final Optional<PluginShadow> shadow;
    // Reloads, retirements and 1012 closes, on one thread whose context loader is the server's.
    private final ScheduledThreadPoolExecutor reloadThread;
    private final Object lock = new Object();
    // The newest generation of each negotiable protocol, in the order the plugins were found; replaced, not changed.
    private volatile Map<String, ProtocolRuntime> running = Map.of();
    private final List<ProtocolRuntime> draining = new CopyOnWriteArrayList<>();
    private final Map<ProtocolRuntime, ScheduledFuture<?>> drainDeadlines = new ConcurrentHashMap<>();
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final List<Inactive> inactive = new CopyOnWriteArrayList<>();
    private final ThrottledLog reloadFailures = new ThrottledLog(
            LOGGER, ERROR, new LogThrottle(10, Duration.ofMinutes(1), System::nanoTime, "reload failure",
                                           "switchboard_reloads_total{result=\"failed\"} counts them all"));

    private ProtocolCatalog(SwitchboardConfig config, ServerMetrics metrics, ChannelEngines channelEngines,
                            ClusterPresence presence) {
        this.config = config;
        this.allConnections = new OpenConnections(presence);
        this.metrics = metrics;
        this.channelEngines = channelEngines;
        this.listeners = ListenerBindings.from(config);
        this.shadow = config.reload().watch() ? Optional.of(PluginShadow.create()) : Optional.empty();
        ClassLoader serverLoader = ProtocolCatalog.class.getClassLoader();
        this.reloadThread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = Thread.ofPlatform().daemon().name("switchboard-reload").unstarted(task);
            thread.setContextClassLoader(serverLoader);
            return thread;
        });
        reloadThread.setRemoveOnCancelPolicy(true);
        reloadThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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
        List<Path> plugins = plugins(dir);
        ProtocolCatalog catalog = new ProtocolCatalog(config, metrics, channels, presence);
        try {
            catalog.startAll(plugins);
            return catalog;
        } catch (RuntimeException | Error e) {
            catalog.stop();
            throw e;
        }
    }

    private void startAll(List<Path> plugins) {
        Path dir = config.protocolsDir();
        Map<String, DiscoveredProtocol> discovered = new LinkedHashMap<>();
        Map<String, Path> pluginOf = new LinkedHashMap<>();
        try {
            for (Path plugin : plugins) {
                try {
                    for (DiscoveredProtocol found : loadPlugin(plugin)) {
                        DiscoveredProtocol other = discovered.putIfAbsent(found.name(), found);
                        if (other != null) {
                            closeLoader(found);
                            throw new StartupException(other.jarName().equals(found.jarName())
                                    ? found.jarName() + " has two providers of protocol '" + found.name() + "'"
                                    : "Protocol '" + found.name() + "' is provided by both " + other.jarName()
                                            + " and " + found.jarName() + " in " + dir + "; remove one of them");
                        }
                        pluginOf.put(found.name(), plugin);
                    }
                } catch (ProtocolJarException e) {
                    LOGGER.log(ERROR, "Protocol jar failed to load: " + e.getMessage());
                    inactive.add(new Inactive(plugin, failed(Optional.empty(), Optional.empty(), e.source(),
                                                             e.getMessage())));
                }
            }
            List<String> failedJars = failed().stream().map(ProtocolStatus::jar).toList();
            listeners.requireListed(discovered.keySet(), failedJars);
            requireProviders(discovered, failedJars);
        } catch (RuntimeException | Error e) {
            discovered.values().forEach(ProtocolCatalog::closeLoader);
            throw e;
        }

        Map<String, ProtocolRuntime> started = new LinkedHashMap<>();
        try {
            for (DiscoveredProtocol protocol : discovered.values()) {
                Path plugin = pluginOf.get(protocol.name());
                ProtocolSettings settings = config.protocol(protocol.name());
                if (!settings.enabled()) {
                    LOGGER.log(INFO, "Protocol " + protocol.name() + " " + protocol.version() + " from "
                            + protocol.jarName() + " is disabled by " + settings.key() + ".enabled");
                    inactive.add(disabled(plugin, protocol));
                    continue;
                }
                try {
                    started.put(protocol.name(), startRuntime(protocol, plugin));
                    running = Collections.unmodifiableMap(new LinkedHashMap<>(started));
                } catch (ProtocolConfigException e) {
                    throw new ConfigError(e.getMessage());
                } catch (RuntimeException | Error e) {
                    String error = protocol.jarName() + ": protocol " + protocol.name() + " failed to start: "
                            + ProtocolJarLoader.causeText(e);
                    LOGGER.log(ERROR, error);
                    inactive.add(new Inactive(plugin, failed(Optional.of(protocol.name()),
                                                             Optional.of(protocol.version()), protocol.jarName(),
                                                             error)));
                }
            }
            config.defaultProtocol().ifPresent(name -> {
                if (!started.containsKey(name)) {
                    throw new ConfigError("switchboard.default-protocol", name,
                                          "is not a loaded and enabled protocol (loaded: " + names() + ")");
                }
            });
        } catch (RuntimeException | Error e) {
            // Those not started: stop() closes the loaders of the running ones.
            discovered.values().forEach(protocol -> closeLoaderIfUnused(protocol));
            throw e;
        }
        // Jars none of whose protocols run (disabled, or failed to start) need not stay open.
        discovered.values().forEach(this::closeLoaderIfUnused);
        if (started.isEmpty()) {
            LOGGER.log(WARNING, "No protocol is loaded from " + dir
                    + ": every WebSocket handshake will be refused");
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
        synchronized (lock) {
            if (!reloadThread.isShutdown()) {
                prepare(plugin, false).ifPresent(this::commit);
            }
        }
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
        synchronized (lock) {
            SwitchboardConfig previous = config;
            config = next;
            Set<Path> changed = new LinkedHashSet<>();
            for (ProtocolRuntime runtime : running.values()) {
                if (!previous.protocol(runtime.name()).equals(next.protocol(runtime.name()))) {
                    changed.add(runtime.plugin());
                }
            }
            for (Inactive entry : inactive) {
                entry.status().name().filter(name -> entry.status().state() == ProtocolStatus.State.DISABLED
                        && !previous.protocol(name).equals(next.protocol(name))).ifPresent(name -> changed.add(
                                entry.plugin()));
            }
            // Every changed protocol starts before any is swapped in: one refusing its options refuses them all.
            List<Prepared> prepared = new ArrayList<>();
            try {
                for (Path plugin : changed) {
                    prepare(plugin, true).ifPresent(prepared::add);
                }
            } catch (ConfigError e) {
                prepared.forEach(this::discard);
                config = previous;
                throw e;
            }
            prepared.forEach(this::commit);
        }
    }

    /**
     * Takes out the protocols of a plugin that was removed from the protocols directory: they are no longer
     * negotiated, and their sessions drain.
     *
     * @param plugin the jar or plugin folder that was in the protocols directory
     */
    public void remove(Path plugin) {
        synchronized (lock) {
            if (reloadThread.isShutdown()) {
                return;
            }
            Map<String, ProtocolRuntime> next = new LinkedHashMap<>(running);
            List<ProtocolRuntime> removed = new ArrayList<>();
            next.values().removeIf(old -> old.plugin().equals(plugin) && removed.add(old));
            boolean known = inactive.removeIf(entry -> entry.plugin().equals(plugin));
            if (removed.isEmpty() && !known) {
                return;
            }
            running = Collections.unmodifiableMap(next);
            String source = removed.isEmpty() ? plugin.getFileName().toString() : removed.getFirst().discovered()
                    .jarName();
            for (ProtocolRuntime old : removed) {
                LOGGER.log(INFO, "Removed protocol " + old.name() + " " + old.discovered().version() + " with "
                        + source + ": no longer negotiated, its " + old.openSessions() + " session(s) drain");
            }
            removed.forEach(this::drain);
            metrics.reloaded(source, "removed");
        }
    }

    // Loads a plugin and starts its protocols as new generations, swapping nothing in. A failure is recorded as a
    // failed reload, but a protocol refusing its options is a ConfigError when the configuration is being reloaded.
    private Optional<Prepared> prepare(Path plugin, boolean refuseOptions) {
        String source = sourceName(plugin);
        List<DiscoveredProtocol> found;
        try {
            found = loadPlugin(plugin);
        } catch (ProtocolJarException e) {
            reloadFailed(plugin, e.source(), e.getMessage());
            return Optional.empty();
        }
        Optional<String> conflict = conflict(plugin, found);
        if (conflict.isPresent()) {
            discard(new Prepared(plugin, source, found, List.of(), List.of()));
            reloadFailed(plugin, source, conflict.get());
            return Optional.empty();
        }
        List<ProtocolRuntime> started = new ArrayList<>();
        List<Inactive> disabled = new ArrayList<>();
        for (DiscoveredProtocol protocol : found) {
            if (!config.protocol(protocol.name()).enabled()) {
                disabled.add(disabled(plugin, protocol));
                continue;
            }
            try {
                started.add(startRuntime(protocol, plugin));
            } catch (RuntimeException | Error e) {
                discard(new Prepared(plugin, source, found, started, disabled));
                if (refuseOptions && e instanceof ProtocolConfigException refused) {
                    throw new ConfigError(refused.getMessage());
                }
                reloadFailed(plugin, source, protocol.jarName() + ": protocol " + protocol.name()
                        + " failed to start: " + ProtocolJarLoader.causeText(e));
                return Optional.empty();
            }
        }
        return Optional.of(new Prepared(plugin, source, found, started, disabled));
    }

    // Swaps a prepared plugin in: its generations become the newest, the ones they replace drain.
    private void commit(Prepared prepared) {
        Path plugin = prepared.plugin();
        Map<String, ProtocolRuntime> next = new LinkedHashMap<>(running);
        List<ProtocolRuntime> replaced = new ArrayList<>();
        next.values().removeIf(old -> old.plugin().equals(plugin) && replaced.add(old));
        prepared.started().forEach(runtime -> next.put(runtime.name(), runtime));
        running = Collections.unmodifiableMap(next);
        inactive.removeIf(entry -> entry.plugin().equals(plugin));
        inactive.addAll(prepared.disabled());
        for (ProtocolRuntime runtime : prepared.started()) {
            for (ProtocolRuntime old : replaced) {
                if (old.name().equals(runtime.name())) {
                    LOGGER.log(INFO, "Protocol " + runtime.name() + " " + runtime.discovered().version()
                            + " from " + prepared.source() + " serves new sessions; the " + old.openSessions()
                            + " session(s) of " + old.discovered().version() + " drain");
                }
            }
        }
        replaced.forEach(this::drain);
        prepared.found().forEach(this::closeLoaderIfUnused);
        metrics.reloaded(prepared.source(), "loaded");
    }

    // Undoes a prepared plugin that is not swapped in: its started protocols stop, its loader and copy go.
    private void discard(Prepared prepared) {
        prepared.started().forEach(this::stopQuietly);
        for (DiscoveredProtocol protocol : prepared.found()) {
            closeLoader(protocol);
            shadow.ifPresent(copies -> copies.delete(protocol.jar()));
            dropLineIfUnused(protocol.name());
        }
    }

    /**
     * A running protocol by name: its newest generation.
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
        return all().filter(ProtocolRuntime::keepsStalling).map(ProtocolRuntime::name).distinct().toList();
    }

    /**
     * The state of every protocol and failed jar.
     *
     * @return running protocols first (with their generations), then protocols whose plugin was removed and whose
     *         sessions drain, then disabled and failed ones
     */
    public List<ProtocolStatus> statuses() {
        List<ProtocolStatus> all = new ArrayList<>();
        Map<String, ProtocolRuntime> newest = running;
        for (ProtocolRuntime runtime : newest.values()) {
            DiscoveredProtocol protocol = runtime.discovered();
            List<ProtocolStatus.Generation> generations = generations(runtime.name(), Optional.of(runtime));
            all.add(new ProtocolStatus(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                       protocol.jarName(), ProtocolStatus.State.LOADED, Optional.empty(),
                                       sessionsOf(runtime.name()), generations));
        }
        draining.stream().map(ProtocolRuntime::name).distinct().filter(name -> !newest.containsKey(name))
                .forEach(name -> {
                    List<ProtocolStatus.Generation> generations = generations(name, Optional.empty());
                    ProtocolStatus.Generation last = generations.getFirst();
                    all.add(new ProtocolStatus(Optional.of(name), Optional.of(last.version()), last.jar(),
                                               ProtocolStatus.State.DRAINING, Optional.empty(), sessionsOf(name),
                                               generations));
                });
        inactive.forEach(entry -> all.add(entry.status()));
        return all;
    }

    /**
     * The jars and providers that failed to load or start, at the start or at their latest reload.
     *
     * @return their statuses, each with its jar and error
     */
    public List<ProtocolStatus> failed() {
        return inactive.stream().map(Inactive::status)
                .filter(status -> status.state() == ProtocolStatus.State.FAILED).toList();
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
        while (all().anyMatch(r -> r.openSessions() > 0) && System.nanoTime() < deadline) {
            all().forEach(runtime -> runtime.sessions().forEach(session -> session.close(status)));
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
        synchronized (lock) {
            reloadThread.shutdownNow();
        }
        endSessions(CloseStatus.GOING_AWAY.withReason("server stopped"));
        List<ProtocolRuntime> generations = all().toList();
        for (ProtocolRuntime runtime : generations) {
            stopQuietly(runtime);
        }
        running = Map.of();
        draining.clear();
        generations.forEach(runtime -> closeLoader(runtime.discovered()));
        shadow.ifPresent(PluginShadow::close);
    }

    // Every generation: the newest of each protocol, then the draining ones.
    private Stream<ProtocolRuntime> all() {
        return Stream.concat(running.values().stream(), draining.stream());
    }

    private int sessionsOf(String name) {
        return all().filter(runtime -> runtime.name().equals(name)).mapToInt(ProtocolRuntime::openSessions).sum();
    }

    private List<ProtocolStatus.Generation> generations(String name, Optional<ProtocolRuntime> newest) {
        List<ProtocolStatus.Generation> generations = new ArrayList<>();
        newest.ifPresent(runtime -> generations.add(generation(runtime)));
        // Newest first: the later a generation started draining, the newer it is.
        draining.reversed().stream().filter(runtime -> runtime.name().equals(name))
                .forEach(runtime -> generations.add(generation(runtime)));
        return generations;
    }

    private static ProtocolStatus.Generation generation(ProtocolRuntime runtime) {
        return new ProtocolStatus.Generation(runtime.discovered().version(), runtime.discovered().jarName(),
                                             runtime.loadedAt(), runtime.openSessions(), runtime.drainingUntil());
    }

    private ProtocolRuntime startRuntime(DiscoveredProtocol protocol, Path plugin) {
        ProtocolOptions options = new ProtocolOptions(config.protocol(protocol.name()));
        Line line = line(protocol.name());
        ProtocolRuntime runtime = new ProtocolRuntime(protocol, plugin, options, allConnections, line.meters(),
                                                      line.channels());
        try {
            runtime.start();
        } catch (RuntimeException | Error e) {
            stopQuietly(runtime);
            // Series only for protocols that serve.
            dropLineIfUnused(protocol.name());
            throw e;
        }
        LOGGER.log(INFO, "Loaded protocol " + protocol.name() + " " + protocol.version() + " from "
                + protocol.jarName());
        for (String key : options.unreadKeys()) {
            LOGGER.log(WARNING, key + ": protocol " + protocol.name() + " has no such option; ignored");
        }
        return runtime;
    }

    private void stopQuietly(ProtocolRuntime runtime) {
        try {
            runtime.stop();
        } catch (RuntimeException | Error e) {
            LOGGER.log(ERROR, "Protocol " + runtime.name() + " failed to stop: " + ProtocolJarLoader.causeText(e));
        }
    }

    // A protocol this load would take from another plugin, or two providers of one protocol in the plugin.
    private Optional<String> conflict(Path plugin, List<DiscoveredProtocol> found) {
        Set<String> names = new HashSet<>();
        for (DiscoveredProtocol protocol : found) {
            if (!names.add(protocol.name())) {
                return Optional.of(protocol.jarName() + " has two providers of protocol '" + protocol.name() + "'");
            }
            ProtocolRuntime current = running.get(protocol.name());
            Optional<String> other = current != null ? Optional.of(current.plugin())
                    .filter(path -> !path.equals(plugin)).map(path -> current.discovered().jarName())
                    : inactive.stream().filter(entry -> !entry.plugin().equals(plugin)
                            && entry.status().state() == ProtocolStatus.State.DISABLED
                            && entry.status().name().equals(Optional.of(protocol.name())))
                    .map(entry -> entry.status().jar()).findFirst();
            if (other.isPresent()) {
                return Optional.of("Protocol '" + protocol.name() + "' is provided by both " + other.get() + " and "
                                           + protocol.jarName() + "; remove one of them");
            }
        }
        return Optional.empty();
    }

    private void reloadFailed(Path plugin, String source, String error) {
        reloadFailures.log("Protocol plugin " + source + " failed to reload, the protocols it had keep serving: "
                                   + error);
        List<ProtocolRuntime> serving = running.values().stream().filter(r -> r.plugin().equals(plugin)).toList();
        Optional<String> name = serving.size() == 1 ? Optional.of(serving.getFirst().name()) : Optional.empty();
        inactive.removeIf(entry -> entry.plugin().equals(plugin)
                && entry.status().state() == ProtocolStatus.State.FAILED);
        inactive.add(new Inactive(plugin, failed(name, Optional.empty(), source, error)));
        metrics.reloaded(source, "failed");
    }

    // An older or removed generation: closed with 1012 at the drain timeout, retired once its last session is gone.
    // Not before a handshake that found it just before the swap has had its accept and open (handler-timeout at
    // most, and the 101 written): that session would otherwise open on a stopped protocol.
    private void drain(ProtocolRuntime old) {
        Duration timeout = config.reload().drainTimeout();
        Duration grace = config.connection(old.name()).handlerTimeout().plus(RETIRE_GRACE);
        draining.add(old);
        old.drain(Instant.now().plus(timeout));
        drainDeadlines.put(old, reloadThread.schedule(() -> closeDraining(old), timeout.toNanos(),
                                                      TimeUnit.NANOSECONDS));
        reloadThread.schedule(() -> old.retireWhenIdle(() -> reloadThread.execute(() -> retire(old))),
                              grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void closeDraining(ProtocolRuntime old) {
        Collection<Session> open = old.sessions();
        if (!open.isEmpty()) {
            LOGGER.log(INFO, "Protocol " + old.name() + " " + old.discovered().version() + " from "
                    + old.discovered().jarName() + ": closing its " + open.size()
                    + " session(s) still open at the drain timeout with 1012");
        }
        open.forEach(session -> session.close(SERVICE_RESTART));
    }

    private void retire(ProtocolRuntime old) {
        ScheduledFuture<?> deadline = drainDeadlines.remove(old);
        if (deadline != null) {
            deadline.cancel(false);
        }
        stopQuietly(old);
        synchronized (lock) {
            draining.remove(old);
            closeLoaderIfUnused(old.discovered());
            dropLineIfUnused(old.name());
        }
        LOGGER.log(INFO, "Protocol " + old.name() + " " + old.discovered().version() + " from "
                + old.discovered().jarName() + " has stopped: its sessions have ended");
    }

    private Line line(String name) {
        return lines.computeIfAbsent(name, protocol -> {
            ProtocolMeters meters = metrics.protocol(protocol, () -> sessionsOf(protocol));
            // A session of any generation of the protocol may join its channels.
            ServerChannels channels = channelEngines.create(
                    protocol, session -> session instanceof ServerSession own && own.subprotocol().equals(protocol));
            return new Line(meters, channels);
        });
    }

    private void dropLineIfUnused(String name) {
        if (all().noneMatch(runtime -> runtime.name().equals(name))) {
            Line line = lines.remove(name);
            if (line != null) {
                line.meters().remove();
            }
        }
    }

    private List<DiscoveredProtocol> loadPlugin(Path plugin) throws ProtocolJarException {
        if (shadow.isEmpty()) {
            return ProtocolJarLoader.load(plugin, listeners);
        }
        Path copy = shadow.get().copy(plugin);
        try {
            return ProtocolJarLoader.load(copy, listeners);
        } catch (ProtocolJarException | RuntimeException e) {
            shadow.get().delete(copy);
            throw e;
        }
    }

    // A plugin's loader serves all of its protocols: close it only when no generation of them runs.
    private void closeLoaderIfUnused(DiscoveredProtocol protocol) {
        if (all().noneMatch(runtime -> runtime.loader() == protocol.loader())) {
            closeLoader(protocol);
            shadow.ifPresent(copies -> copies.delete(protocol.jar()));
        }
    }

    private static void closeLoader(DiscoveredProtocol protocol) {
        if (protocol.loader() instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOGGER.log(System.Logger.Level.DEBUG, () -> "Closing the loader of " + protocol.jarName(), e);
            }
        }
    }

    // Ends what is still open and waits, one deadline for all protocols, until every close event has returned: a
    // protocol is stopped after its sessions' close events, or after ABANDON_WAIT for a handler that does not return.
    // Each pass ends sessions that were still opening on the pass before.
    private void endSessions(CloseStatus status) {
        long deadline = System.nanoTime() + ABANDON_WAIT.toNanos();
        do {
            all().forEach(runtime -> runtime.abandonSessions(status));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (all().anyMatch(ProtocolRuntime::hasSessions) && System.nanoTime() < deadline);
    }

    private void requireProviders(Map<String, DiscoveredProtocol> discovered, List<String> failedJars) {
        for (ProtocolSettings settings : config.protocols().values()) {
            if (settings.enabled() && !discovered.containsKey(settings.name())) {
                StringBuilder message = new StringBuilder(settings.key())
                        .append(": no jar in ").append(config.protocolsDir())
                        .append(" provides protocol '").append(settings.name()).append("'");
                if (!failedJars.isEmpty()) {
                    message.append(" (jars that failed to load: ");
                    message.append(String.join(", ", failedJars));
                    message.append(")");
                }
                message.append("; add its jar, or set ").append(settings.key()).append(".enabled: false");
                throw new ConfigError(message.toString());
            }
        }
    }

    /**
     * The plugins of a protocols directory: every {@code *.jar} file and every folder (a plugin folder), by name.
     * Hidden entries ({@code .git}, an editor's {@code .swp} folder) are not plugins.
     *
     * @param dir the protocols directory
     * @return the plugins, sorted
     * @throws ConfigError if the directory does not exist or cannot be read
     */
    public static List<Path> plugins(Path dir) {
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

    private static String sourceName(Path plugin) {
        return plugin.getFileName() + (Files.isDirectory(plugin) ? "/" : "");
    }

    private static Inactive disabled(Path plugin, DiscoveredProtocol protocol) {
        return new Inactive(plugin, new ProtocolStatus(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                                       protocol.jarName(), ProtocolStatus.State.DISABLED,
                                                       Optional.empty(), 0));
    }

    private static ProtocolStatus failed(Optional<String> name, Optional<String> version, String source, String error) {
        return new ProtocolStatus(name, version, source, ProtocolStatus.State.FAILED, Optional.of(error), 0);
    }

    // What a protocol's generations share.
    private record Line(ProtocolMeters meters, ServerChannels channels) {
    }

    // A plugin loaded and its protocols started, not yet swapped in.
    private record Prepared(Path plugin,
                            String source,
                            List<DiscoveredProtocol> found,
                            List<ProtocolRuntime> started,
                            List<Inactive> disabled) {
    }

    // A disabled protocol or a failed plugin, with the plugin it came from (for a reload or removal of that plugin).
    private record Inactive(Path plugin, ProtocolStatus status) {
    }
}
