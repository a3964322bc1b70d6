package dev.switchboard.server.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.Session;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.PluginDirectory;
import dev.switchboard.server.plugin.ProtocolJarException;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.runtime.ProtocolGenerations.Inactive;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

/**
 * What changes while the server runs: a plugin added, replaced or removed, and a reloaded configuration. Each load
 * starts new generations of the plugin's protocols and swaps them in at once; the generations they replace drain,
 * are closed with 1012 at {@code switchboard.reload.drain-timeout}, and are stopped once their last session is gone.
 * Changes happen one at a time, on the caller's thread; drains and retirements on one thread of their own.
 */
final class PluginReloads {

    // The catalog's logger: one name for the protocols' lifecycle, as logging configurations and tests know it.
    private static final System.Logger LOGGER = System.getLogger(ProtocolCatalog.class.getName());
    // Added to the handler timeout: how long a replaced generation stays for handshakes that found it just before.
    private static final Duration RETIRE_GRACE = Duration.ofSeconds(1);
    // 1012 (Service Restart): what a draining session still open at the drain timeout is closed with.
    private static final CloseStatus SERVICE_RESTART = CloseStatus.of(1012, "protocol reloaded");

    private final ProtocolGenerations generations;
    private final GenerationResources resources;
    private final ServerMetrics metrics;
    // Replaced by a configuration reload; read under the lock, or once per use.
    private volatile SwitchboardConfig config;
    // Reloads, retirements and 1012 closes, on one thread whose context loader is the server's.
    private final ScheduledThreadPoolExecutor reloadThread;
    private final Object lock = new Object();
    private final Map<ProtocolRuntime, ScheduledFuture<?>> drainDeadlines = new ConcurrentHashMap<>();
    private final ThrottledLog reloadFailures = new ThrottledLog(
            LOGGER, ERROR, new LogThrottle(10, Duration.ofMinutes(1), System::nanoTime, "reload failure",
                                           "switchboard_reloads_total{result=\"failed\"} counts them all"));

    PluginReloads(SwitchboardConfig config, ProtocolGenerations generations, GenerationResources resources,
                  ServerMetrics metrics) {
        this.config = config;
        this.generations = generations;
        this.resources = resources;
        this.metrics = metrics;
        ClassLoader serverLoader = PluginReloads.class.getClassLoader();
        this.reloadThread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = Thread.ofPlatform().daemon().name("switchboard-reload").unstarted(task);
            thread.setContextClassLoader(serverLoader);
            return thread;
        });
        reloadThread.setRemoveOnCancelPolicy(true);
        reloadThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void load(Path plugin) {
        synchronized (lock) {
            if (!reloadThread.isShutdown()) {
                prepare(plugin, false).ifPresent(this::commit);
            }
        }
    }

    void reconfigure(SwitchboardConfig next) {
        synchronized (lock) {
            SwitchboardConfig previous = config;
            config = next;
            Set<Path> changed = new LinkedHashSet<>();
            for (ProtocolRuntime runtime : generations.newest().values()) {
                if (!previous.protocol(runtime.name()).equals(next.protocol(runtime.name()))) {
                    changed.add(runtime.plugin());
                }
            }
            for (Inactive entry : generations.inactive()) {
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

    void remove(Path plugin) {
        synchronized (lock) {
            if (reloadThread.isShutdown()) {
                return;
            }
            Map<String, ProtocolRuntime> next = new LinkedHashMap<>(generations.newest());
            List<ProtocolRuntime> removed = new ArrayList<>();
            next.values().removeIf(old -> old.plugin().equals(plugin) && removed.add(old));
            boolean known = generations.removeInactive(entry -> entry.plugin().equals(plugin));
            if (removed.isEmpty() && !known) {
                return;
            }
            generations.serve(next);
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

    // Takes no more changes: the server stops.
    void shutdown() {
        synchronized (lock) {
            reloadThread.shutdownNow();
        }
    }

    // Loads a plugin and starts its protocols as new generations, swapping nothing in. A failure is recorded as a
    // failed reload, but a protocol refusing its options is a ConfigError when the configuration is being reloaded.
    private Optional<Prepared> prepare(Path plugin, boolean refuseOptions) {
        String source = PluginDirectory.sourceName(plugin);
        List<DiscoveredProtocol> found;
        try {
            found = resources.opener().load(plugin);
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
                disabled.add(ProtocolGenerations.disabled(plugin, protocol));
                continue;
            }
            try {
                started.add(resources.start(protocol, plugin, config.protocol(protocol.name())));
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
        Map<String, ProtocolRuntime> next = new LinkedHashMap<>(generations.newest());
        List<ProtocolRuntime> replaced = new ArrayList<>();
        next.values().removeIf(old -> old.plugin().equals(plugin) && replaced.add(old));
        prepared.started().forEach(runtime -> next.put(runtime.name(), runtime));
        generations.serve(next);
        generations.removeInactive(entry -> entry.plugin().equals(plugin));
        prepared.disabled().forEach(generations::addInactive);
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
        prepared.found().forEach(resources::releaseLoaderIfUnused);
        metrics.reloaded(prepared.source(), "loaded");
    }

    // Undoes a prepared plugin that is not swapped in: its started protocols stop, its loader and copy go.
    private void discard(Prepared prepared) {
        prepared.started().forEach(GenerationResources::stopQuietly);
        for (DiscoveredProtocol protocol : prepared.found()) {
            resources.opener().release(protocol);
            resources.dropLineIfUnused(protocol.name());
        }
    }

    // A protocol this load would take from another plugin, or two providers of one protocol in the plugin.
    private Optional<String> conflict(Path plugin, List<DiscoveredProtocol> found) {
        Set<String> names = new HashSet<>();
        for (DiscoveredProtocol protocol : found) {
            if (!names.add(protocol.name())) {
                return Optional.of(protocol.jarName() + " has two providers of protocol '" + protocol.name() + "'");
            }
            ProtocolRuntime current = generations.newest().get(protocol.name());
            Optional<String> other = current != null ? Optional.of(current.plugin())
                    .filter(path -> !path.equals(plugin)).map(path -> current.discovered().jarName())
                    : generations.inactive().stream().filter(entry -> !entry.plugin().equals(plugin)
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
        List<ProtocolRuntime> serving = generations.newest().values().stream()
                .filter(runtime -> runtime.plugin().equals(plugin)).toList();
        Optional<String> name = serving.size() == 1 ? Optional.of(serving.getFirst().name()) : Optional.empty();
        generations.removeInactive(entry -> entry.plugin().equals(plugin)
                && entry.status().state() == ProtocolStatus.State.FAILED);
        generations.addInactive(ProtocolGenerations.failed(plugin, name, Optional.empty(), source, error));
        metrics.reloaded(source, "failed");
    }

    // An older or removed generation: closed with 1012 at the drain timeout, retired once its last session is gone.
    // Not before a handshake that found it just before the swap has had its accept and open (handler-timeout at
    // most, and the 101 written): that session would otherwise open on a stopped protocol.
    private void drain(ProtocolRuntime old) {
        Duration timeout = config.reload().drainTimeout();
        Duration grace = config.connection(old.name()).handlerTimeout().plus(RETIRE_GRACE);
        generations.startDraining(old);
        old.generationSessions().drain(Instant.now().plus(timeout));
        drainDeadlines.put(old, reloadThread.schedule(() -> closeDraining(old), timeout.toNanos(),
                                                      TimeUnit.NANOSECONDS));
        reloadThread.schedule(() -> old.generationSessions().retireWhenIdle(() -> reloadThread.execute(() -> retire(old))),
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
        GenerationResources.stopQuietly(old);
        synchronized (lock) {
            generations.stopDraining(old);
            resources.releaseLoaderIfUnused(old.discovered());
            resources.dropLineIfUnused(old.name());
        }
        LOGGER.log(INFO, "Protocol " + old.name() + " " + old.discovered().version() + " from "
                + old.discovered().jarName() + " has stopped: its sessions have ended");
    }

    // A plugin loaded and its protocols started, not yet swapped in.
    private record Prepared(Path plugin, String source, List<DiscoveredProtocol> found, List<ProtocolRuntime> started,
                            List<Inactive> disabled) {
    }
}
