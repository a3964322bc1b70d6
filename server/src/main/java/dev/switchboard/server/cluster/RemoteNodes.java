package dev.switchboard.server.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.switchboard.api.ConnectionInfo;

/**
 * The read side of {@link RedisPresence}: the other nodes' connections as last read, what heartbeats and
 * announcements tell about them, and the reads of their hashes.
 *
 * <p>A node is read again when an announcement or a heartbeat shows a version other than the one cached, at most one
 * read at a time per node (a reason to read during a read reads once more after it): replies for one node come in
 * order. A node that announced it left is dropped at once, and a read sent before that announcement and answered after
 * it is ignored, so that it cannot bring the node back. At most {@code maxNodes} nodes are kept, and at most
 * {@code limitPerNode} entries of each (the read script stops there).
 *
 * <p>Confined to the presence thread, but for {@link #remote()}, {@link #nodeCount()} and {@link #members}, which any
 * thread may call.
 */
final class RemoteNodes {

    private static final Comparator<ConnectionInfo> NEWEST_FIRST =
            Comparator.comparing(ConnectionInfo::openedAt).reversed();

    private final BiFunction<String, Integer, CompletionStage<List<?>>> reader;
    private final Consumer<Runnable> presenceThread;
    private final int maxNodes;
    private final Map<String, RemoteNode> cache = new ConcurrentHashMap<>();
    private volatile List<ConnectionInfo> remote = List.of();
    private volatile Runnable changed = () -> { };
    private volatile int limitPerNode = 100_000;
    // presence thread {
    private final Set<String> reading = new HashSet<>();
    private final Set<String> readAgain = new HashSet<>();
    private final Map<String, Long> departedNanos = new HashMap<>();
    // } presence thread

    /**
     * Creates the cache.
     *
     * @param reader         reads a node's version, count and entries (the {@code READ} script), given the name and the
     *                       most entries to return
     * @param presenceThread runs a task on the presence thread
     * @param maxNodes       the most other nodes kept
     */
    RemoteNodes(BiFunction<String, Integer, CompletionStage<List<?>>> reader,
                Consumer<Runnable> presenceThread,
                int maxNodes) {
        this.reader = reader;
        this.presenceThread = presenceThread;
        this.maxNodes = maxNodes;
    }

    void listen(Runnable changed) {
        this.changed = changed;
    }

    void limitPerNode(int limit) {
        this.limitPerNode = Math.max(1, limit);
    }

    List<ConnectionInfo> remote() {
        return remote;
    }

    int nodeCount() {
        return cache.size();
    }

    // Adds the other nodes, by name, after this node's own entry.
    List<ClusterMember> members(ClusterMember self) {
        long now = System.nanoTime();
        List<ClusterMember> all = new ArrayList<>();
        all.add(self);
        List<String> names = new ArrayList<>(cache.keySet());
        names.sort(null);
        for (String name : names) {
            RemoteNode node = cache.get(name);
            if (node != null) {
                long ageMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - node.beatNanos()));
                all.add(new ClusterMember(name, node.count(), ageMillis, false));
            }
        }
        return all;
    }

    /**
     * A heartbeat's view of the other nodes: drops those it does not list, notes when the others beat, and reads those
     * whose version moved.
     *
     * @param self     this node's name
     * @param reply    the {@code BEAT} script's reply
     * @param received when the reply came, in {@link System#nanoTime()}
     */
    void beaten(String self, List<?> reply, long received) {
        long now = number(reply.get(0));
        Map<String, Long> versions = new HashMap<>();
        for (int i = 2; i + 3 < reply.size(); i += 4) {
            String name = text(reply.get(i));
            if (name.equals(self) || versions.size() >= maxNodes) {
                continue;
            }
            long beat = number(reply.get(i + 1));
            versions.put(name, number(reply.get(i + 2)));
            RemoteNode cached = cache.get(name);
            if (cached != null) {
                long beatNanos = received - TimeUnit.MILLISECONDS.toNanos(Math.max(0, now - beat));
                cache.put(name, cached.beat(beatNanos, number(reply.get(i + 3))));
            }
        }
        boolean dropped = cache.keySet().removeIf(name -> !versions.containsKey(name));
        departedNanos.keySet().removeIf(name -> !versions.containsKey(name));
        versions.forEach((name, version) -> {
            RemoteNode cached = cache.get(name);
            if (cached == null || cached.version() != version) {
                read(name);
            }
        });
        if (dropped) {
            publish();
        }
    }

    /** Redis has not answered for a time to live: drops every other node. */
    void stale() {
        if (!cache.isEmpty()) {
            cache.clear();
            publish();
        }
    }

    /**
     * An announcement on the presence channel: {@code c\n<node>\n<version>} for a change, {@code l\n<node>} for a node
     * that left.
     *
     * @param self    this node's name
     * @param message the announcement
     */
    void announced(String self, String message) {
        String[] parts = message.split("\n", 3);
        if (parts.length < 2 || parts[1].equals(self)) {
            return;
        }
        String name = parts[1];
        if (parts[0].equals("l")) {
            departedNanos.put(name, System.nanoTime());
            if (cache.remove(name) != null) {
                publish();
            }
        } else if (parts[0].equals("c") && parts.length == 3) {
            // Back (a restart under the same name), or still there.
            departedNanos.remove(name);
            RemoteNode cached = cache.get(name);
            if ((cached == null && cache.size() < maxNodes)
                    || (cached != null && cached.version() < Long.parseLong(parts[2]))) {
                read(name);
            }
        }
    }

    private void read(String name) {
        if (!reading.add(name)) {
            readAgain.add(name);
            return;
        }
        long issued = System.nanoTime();
        reader.apply(name, limitPerNode).whenComplete((reply, failure) -> presenceThread.accept(() -> {
            reading.remove(name);
            Long departed = departedNanos.get(name);
            if (failure == null && (departed == null || departed - issued < 0)) {
                received(name, reply);
            }
            if (readAgain.remove(name)) {
                read(name);
            }
        }));
    }

    private void received(String name, List<?> reply) {
        long version = number(reply.get(0));
        if (version == 0) {
            // It left (or expired) while the read was under way.
            if (cache.remove(name) != null) {
                publish();
            }
            return;
        }
        List<?> pairs = (List<?>) reply.get(2);
        List<ConnectionInfo> entries = new ArrayList<>(pairs.size() / 2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String id = text(pairs.get(i));
            if (seen.add(id)) {
                PresenceEntry.decode(name, id, (byte[]) pairs.get(i + 1)).ifPresent(entries::add);
            }
        }
        // Read because it changed, and a change beats: as fresh as a heartbeat.
        cache.put(name, new RemoteNode(version, number(reply.get(1)), List.copyOf(entries), System.nanoTime()));
        publish();
    }

    private void publish() {
        List<ConnectionInfo> all = new ArrayList<>();
        for (RemoteNode node : cache.values()) {
            all.addAll(node.entries());
        }
        all.sort(NEWEST_FIRST);
        remote = List.copyOf(all);
        changed.run();
    }

    static long number(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        return value == null ? 0 : Long.parseLong(text(value));
    }

    static String text(Object value) {
        return value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private record RemoteNode(long version, long count, List<ConnectionInfo> entries, long beatNanos) {

        RemoteNode beat(long at, long connections) {
            return new RemoteNode(version, connections, entries, Math.max(at, beatNanos));
        }
    }
}
