package dev.switchboard.server.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.switchboard.server.plugin.DiscoveredProtocol;

/**
 * What the catalog holds: the newest generation of each protocol, the older ones that drain, and the disabled
 * protocols and failed plugins; and their statuses. Reads take no lock: the newest generations are replaced as a
 * whole, never changed.
 */
final class ProtocolGenerations {

    // The newest generation of each negotiable protocol, in the order the plugins were found.
    private volatile Map<String, ProtocolRuntime> newest = Map.of();
    private final List<ProtocolRuntime> draining = new CopyOnWriteArrayList<>();
    private final List<Inactive> inactive = new CopyOnWriteArrayList<>();

    Optional<ProtocolRuntime> find(String name) {
        return Optional.ofNullable(newest.get(name));
    }

    Map<String, ProtocolRuntime> newest() {
        return newest;
    }

    void serve(Map<String, ProtocolRuntime> next) {
        newest = Collections.unmodifiableMap(new LinkedHashMap<>(next));
    }

    void startDraining(ProtocolRuntime old) {
        draining.add(old);
    }

    void stopDraining(ProtocolRuntime old) {
        draining.remove(old);
    }

    List<Inactive> inactive() {
        return inactive;
    }

    void addInactive(Inactive entry) {
        inactive.add(entry);
    }

    boolean removeInactive(Predicate<Inactive> which) {
        return inactive.removeIf(which);
    }

    // Every generation: the newest of each protocol, then the draining ones.
    Stream<ProtocolRuntime> all() {
        return Stream.concat(newest.values().stream(), draining.stream());
    }

    boolean runs(String name) {
        return all().anyMatch(runtime -> runtime.name().equals(name));
    }

    int sessionsOf(String name) {
        return all().filter(runtime -> runtime.name().equals(name)).mapToInt(ProtocolRuntime::openSessions).sum();
    }

    // Forgets every generation: the server has stopped them.
    void clear() {
        newest = Map.of();
        draining.clear();
    }

    List<ProtocolStatus> statuses() {
        List<ProtocolStatus> all = new ArrayList<>();
        Map<String, ProtocolRuntime> serving = newest;
        for (ProtocolRuntime runtime : serving.values()) {
            DiscoveredProtocol protocol = runtime.discovered();
            List<ProtocolStatus.Generation> generations = generations(runtime.name(), Optional.of(runtime));
            all.add(new ProtocolStatus(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                       protocol.jarName(), ProtocolStatus.State.LOADED, Optional.empty(),
                                       sessionsOf(runtime.name()), generations));
        }
        draining.stream().map(ProtocolRuntime::name).distinct().filter(name -> !serving.containsKey(name))
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

    List<ProtocolStatus> failed() {
        return inactive.stream().map(Inactive::status)
                .filter(status -> status.state() == ProtocolStatus.State.FAILED).toList();
    }

    private List<ProtocolStatus.Generation> generations(String name, Optional<ProtocolRuntime> serving) {
        List<ProtocolStatus.Generation> generations = new ArrayList<>();
        serving.ifPresent(runtime -> generations.add(generation(runtime)));
        // Newest first: the later a generation started draining, the newer it is.
        draining.reversed().stream().filter(runtime -> runtime.name().equals(name))
                .forEach(runtime -> generations.add(generation(runtime)));
        return generations;
    }

    private static ProtocolStatus.Generation generation(ProtocolRuntime runtime) {
        return new ProtocolStatus.Generation(runtime.discovered().version(), runtime.discovered().jarName(),
                                             runtime.loadedAt(), runtime.openSessions(),
                                             runtime.generationSessions().drainingUntil());
    }

    static Inactive disabled(Path plugin, DiscoveredProtocol protocol) {
        return new Inactive(plugin, new ProtocolStatus(Optional.of(protocol.name()), Optional.of(protocol.version()),
                                                       protocol.jarName(), ProtocolStatus.State.DISABLED,
                                                       Optional.empty(), 0));
    }

    static Inactive failed(Path plugin, Optional<String> name, Optional<String> version, String source,
                           String error) {
        return new Inactive(plugin, new ProtocolStatus(name, version, source, ProtocolStatus.State.FAILED,
                                                       Optional.of(error), 0));
    }

    // A disabled protocol or a failed plugin, with the plugin it came from (for a reload or removal of that plugin).
    record Inactive(Path plugin, ProtocolStatus status) {
    }
}
