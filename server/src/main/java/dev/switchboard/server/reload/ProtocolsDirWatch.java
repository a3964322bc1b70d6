package dev.switchboard.server.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.plugin.PluginDirectory;
import dev.switchboard.server.runtime.ProtocolCatalog;

/**
 * Watches the protocols directory while the server runs ({@code switchboard.reload.watch}) and hands each plugin that
 * was added, replaced or removed to the catalog. A {@link WatchService} says when to look; a rescan every
 * {@link #RESCAN} finds what it missed (a file system that sends no events, a change inside a plugin folder).
 *
 * <p>A plugin is taken once it is complete: every jar readable as a zip, and its size and time unchanged for
 * {@link #STABLE}. So a {@code cp} of a large jar is loaded once, when it is done, and its half-written state is
 * neither loaded nor reported. A plugin that stays unreadable for {@link #GIVE_UP} is loaded anyway, so that a broken
 * jar is reported. A plugin counts as removed once it has been missing for {@link #STABLE} too, so that a copy that
 * deletes the old file before it writes the new one replaces the plugin rather than removing it for a moment.
 * Removals are handed over first, so a renamed jar does not meet itself as a duplicate.
 */
public final class ProtocolsDirWatch implements AutoCloseable {

    /** How often the directory is read even without an event. */
    static final Duration RESCAN = Duration.ofSeconds(2);
    /** How long a plugin must stay unchanged before it is loaded. */
    static final Duration STABLE = Duration.ofSeconds(1);
    /** How long an unchanged plugin may stay unreadable before it is loaded anyway, to report it. */
    static final Duration GIVE_UP = Duration.ofSeconds(5);
    // How often the directory is read while a plugin is being written.
    private static final Duration POLL = Duration.ofMillis(250);
    private static final System.Logger LOGGER = System.getLogger(ProtocolsDirWatch.class.getName());

    private final Path dir;
    private final ProtocolCatalog catalog;
    private final Optional<WatchService> events;
    private final Map<Path, PluginFingerprint> known = new HashMap<>();
    private final Map<Path, Candidate> pending = new HashMap<>();
    // Known plugins not found, and since when: a copy that deletes the old file first is not a removal.
    private final Map<Path, Long> missingSince = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private boolean dirMissingReported;

    private ProtocolsDirWatch(Path dir, ProtocolCatalog catalog, Optional<WatchService> events, Baseline baseline) {
        this.dir = dir;
        this.catalog = catalog;
        this.events = events;
        known.putAll(baseline.plugins);
        this.thread = Thread.ofPlatform().daemon().name("switchboard-reload-watch").unstarted(this::run);
        thread.setContextClassLoader(ProtocolsDirWatch.class.getClassLoader());
    }

    /**
     * What the protocols directory holds, noted before the catalog loads it. A plugin that changed while the catalog
     * loaded it, such as a jar still being copied when the server started, then differs from its note once it is
     * complete, and is loaded again; one noted as it is now would pass for loaded.
     */
    public static final class Baseline {

        private final Map<Path, PluginFingerprint> plugins;

        private Baseline(Map<Path, PluginFingerprint> plugins) {
            this.plugins = plugins;
        }
    }

    /**
     * Notes the plugins of the directory as they are now; call it before the catalog loads them.
     *
     * @param dir the protocols directory
     * @return the note; empty when the directory cannot be read (the catalog then says why)
     */
    public static Baseline baseline(Path dir) {
        Map<Path, PluginFingerprint> plugins = new HashMap<>();
        try {
            for (Path plugin : PluginDirectory.plugins(dir)) {
                PluginFingerprint.of(plugin).ifPresent(fingerprint -> plugins.put(plugin, fingerprint));
            }
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Noting " + dir + " before the protocols load", e);
        }
        return new Baseline(plugins);
    }

    /**
     * Starts watching.
     *
     * @param dir      the protocols directory
     * @param catalog  where added, replaced and removed plugins go
     * @param baseline the plugins as they were before the catalog loaded them
     * @return the watch, to close when the server stops
     */
    public static ProtocolsDirWatch start(Path dir, ProtocolCatalog catalog, Baseline baseline) {
        Optional<WatchService> events;
        try {
            WatchService service = dir.getFileSystem().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                         StandardWatchEventKinds.ENTRY_MODIFY);
            events = Optional.of(service);
        } catch (IOException | UnsupportedOperationException e) {
            LOGGER.log(System.Logger.Level.INFO, "No file events for " + dir + " (" + e.getMessage()
                    + "); it is read every " + RESCAN.toSeconds() + " s");
            events = Optional.empty();
        }
        ProtocolsDirWatch watch = new ProtocolsDirWatch(dir, catalog, events, baseline);
        watch.thread.start();
        LOGGER.log(System.Logger.Level.INFO, "Watching " + dir + " for added, replaced and removed protocol plugins");
        return watch;
    }

    /** Stops watching, and waits for a load in progress. */
    @Override
    public void close() {
        closed = true;
        events.ifPresent(service -> {
            try {
                service.close();
            } catch (IOException e) {
                LOGGER.log(System.Logger.Level.DEBUG, "Closing the watch service", e);
            }
        });
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long lastScan = System.nanoTime();
        while (!closed) {
            boolean changed;
            try {
                changed = awaitEvent();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            long now = System.nanoTime();
            if (changed || !pending.isEmpty() || !missingSince.isEmpty() || now - lastScan >= RESCAN.toNanos()) {
                lastScan = now;
                try {
                    scan(now);
                } catch (RuntimeException e) {
                    // One bad pass must not end the watch; the next pass tries again.
                    LOGGER.log(System.Logger.Level.WARNING, "Reading " + dir + " for protocol plugins failed: " + e);
                }
            }
        }
    }

    // Waits up to POLL for a file event; any event means "look", its details do not matter.
    private boolean awaitEvent() throws InterruptedException {
        if (events.isEmpty()) {
            Thread.sleep(POLL);
            return false;
        }
        WatchKey key = events.get().poll(POLL.toNanos(), TimeUnit.NANOSECONDS);
        if (key == null) {
            return false;
        }
        key.pollEvents();
        key.reset();
        return true;
    }

    private void scan(long now) {
        List<Path> present;
        try {
            present = PluginDirectory.plugins(dir);
            dirMissingReported = false;
        } catch (RuntimeException e) {
            if (!dirMissingReported) {
                LOGGER.log(System.Logger.Level.WARNING, e.getMessage() + "; the protocols keep serving as they are");
                dirMissingReported = true;
            }
            return;
        }
        missingSince.keySet().retainAll(known.keySet());
        for (Path plugin : List.copyOf(known.keySet())) {
            if (present.contains(plugin)) {
                missingSince.remove(plugin);
                continue;
            }
            long since = missingSince.computeIfAbsent(plugin, gone -> now);
            if (now - since >= STABLE.toNanos()) {
                missingSince.remove(plugin);
                known.remove(plugin);
                catalog.remove(plugin);
            }
        }
        pending.keySet().retainAll(present);
        for (Path plugin : present) {
            if (closed) {
                return;
            }
            Optional<PluginFingerprint> fingerprint = PluginFingerprint.of(plugin);
            if (fingerprint.isEmpty() || fingerprint.get().equals(known.get(plugin))) {
                pending.remove(plugin);
                continue;
            }
            Candidate candidate = pending.get(plugin);
            if (candidate == null || !candidate.fingerprint().equals(fingerprint.get())) {
                pending.put(plugin, new Candidate(fingerprint.get(), now));
                continue;
            }
            long unchangedNanos = now - candidate.sinceNanos();
            if (unchangedNanos < STABLE.toNanos()
                    || (unchangedNanos < GIVE_UP.toNanos() && !PluginFingerprint.readable(plugin))) {
                continue;
            }
            pending.remove(plugin);
            known.put(plugin, fingerprint.get());
            catalog.load(plugin);
        }
    }

    // A plugin seen changed, and since when it has looked like this.
    private record Candidate(PluginFingerprint fingerprint, long sinceNanos) {
    }
}
