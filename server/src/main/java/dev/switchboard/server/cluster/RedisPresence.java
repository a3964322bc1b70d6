package dev.switchboard.server.cluster;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.switchboard.api.ConnectionInfo;

import io.lettuce.core.ScriptOutputType;

import static dev.switchboard.server.cluster.PresenceScripts.ascii;
import static dev.switchboard.server.cluster.PresenceScripts.bytes;
import static dev.switchboard.server.cluster.PresenceScripts.keys;

/**
 * Presence over Redis: this node's open connections in a hash of its own, a heartbeat with a time to live, and a
 * cache of the other nodes' connections that {@link dev.switchboard.api.ServerConnections} lists without waiting.
 *
 * <p>Writing: opens and closes are noted in a pending batch; one script applies the batch at most every
 * {@value #FLUSH_DELAY_MILLIS} ms after the first change of it (never a round trip on a handshake), counts a version
 * and announces it on {@value #CHANNEL}. Every {@value #HEARTBEAT_MILLIS} ms a heartbeat refreshes this node's score,
 * in Redis's clock, and its hash's time to live ({@value #TIME_TO_LIVE_MILLIS} ms), removes nodes whose heartbeat is
 * older than that, and returns every live node's version: a node whose version moved is read again, so a missed
 * announcement costs at most one heartbeat. A node that dies is gone from every list at most
 * {@value #TIME_TO_LIVE_MILLIS} + {@value #HEARTBEAT_MILLIS} ms after its last heartbeat; a node that stops cleanly
 * removes itself and announces it, and leaves the other lists at once.
 *
 * <p>Reading ({@link RemoteNodes}): an announcement from another node schedules a read of that node's hash. A read
 * keeps at most {@code limitPerNode} entries of a node (this node's own connection budget: nodes behind one load
 * balancer are alike) and at most {@value #MAX_NODES} nodes; the node's real count is still known ({@link #members()}).
 *
 * <p>Redis unreachable: the remote entries stay listed until a time to live has passed since the last heartbeat that
 * Redis answered, then they are dropped, so that the list shows this node alone rather than connections that may be
 * gone; {@code /protocols} then lists this node alone. Once Redis answers again, this node rewrites its hash whole
 * (Redis may have restarted empty, or expired it) and reads the others again.
 *
 * <p>Threads: heartbeats, flushes and the handling of every reply and announcement run on one presence thread
 * (Lettuce's replies are handed to it). The pending batch ({@link PresenceBatch}) has a lock of its own, since
 * connection threads add to it.
 */
final class RedisPresence implements ClusterPresence {

    static final String CHANNEL = "switchboard:presence:changes";
    static final long HEARTBEAT_MILLIS = 2_000;
    static final long TIME_TO_LIVE_MILLIS = 10_000;
    static final long FLUSH_DELAY_MILLIS = 100;
    static final int MAX_NODES = 64;
    private static final String NODES = "switchboard:presence:nodes";
    private static final String VERSIONS = "switchboard:presence:versions";
    private static final String CONNS = "switchboard:presence:conns:";

    private final RedisLink redis;
    private final Supplier<String> node;
    private final ScheduledExecutorService thread;
    private final PresenceBatch batch = new PresenceBatch();
    private final RemoteNodes others;
    private volatile Supplier<List<ConnectionInfo>> local = List::of;
    private volatile boolean started;
    private volatile boolean leaving;
    // Written on the presence thread only.
    private volatile long lastBeatNanos = System.nanoTime();

    RedisPresence(RedisLink redis, Supplier<String> node) {
        this.redis = redis;
        this.node = node;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-presence");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        this.others = new RemoteNodes((name, limit) -> eval(PresenceScripts.READ, ScriptOutputType.MULTI,
                                                            keys(CONNS + name, VERSIONS), bytes(name), ascii(limit)),
                                      this::execute, MAX_NODES);
        redis.onMessage((channel, message) -> {
            if (CHANNEL.equals(new String(channel, StandardCharsets.UTF_8))) {
                String text = new String(message, StandardCharsets.UTF_8);
                execute(() -> others.announced(node(), text));
            }
        });
    }

    @Override
    public String node() {
        return node.get();
    }

    @Override
    public void attach(Supplier<List<ConnectionInfo>> local, Runnable remoteChanged) {
        this.local = local;
        others.listen(remoteChanged);
    }

    /**
     * Starts publishing and reading, once the node has its name.
     *
     * @param limitPerNode the most entries kept of one other node
     */
    void start(int limitPerNode) {
        others.limitPerNode(limitPerNode);
        started = true;
        redis.pubsub().subscribe(bytes(CHANNEL)).exceptionally(failure -> {
            redis.failures().log("Could not subscribe to " + CHANNEL + " (other nodes' changes show at heartbeats): "
                                         + failure);
            return null;
        });
        thread.scheduleWithFixedDelay(() -> run(this::beat), 0, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        scheduleFlush(0);
    }

    @Override
    public void opened(ConnectionInfo connection) {
        note(connection.id(), PresenceEntry.encode(connection));
    }

    @Override
    public void closed(String id) {
        note(id, null);
    }

    /**
     * The live nodes this node sees, itself included.
     *
     * @return how many
     */
    int nodeCount() {
        return others.nodeCount() + 1;
    }

    @Override
    public List<ConnectionInfo> remote() {
        return others.remote();
    }

    /**
     * The live nodes, this one first: the others as the last heartbeat and announcements left them, with the
     * connection count each last published. While Redis has not answered for a time to live, this node alone.
     *
     * @return the members
     */
    List<ClusterMember> members() {
        long ageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBeatNanos);
        return others.members(new ClusterMember(node(), local.get().size(), ageMillis, true));
    }

    /**
     * Removes this node's presence and announces it, waiting up to a second for Redis; later changes are not written.
     * Leaving twice does nothing more.
     */
    void leave() {
        if (leaving) {
            return;
        }
        leaving = true;
        thread.shutdownNow();
        if (!started) {
            return;
        }
        String self = node();
        try {
            eval(PresenceScripts.LEAVE, ScriptOutputType.INTEGER,
                 keys(NODES, VERSIONS, CONNS + self), bytes(self), bytes(CHANNEL))
                    .toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            redis.failures().log("Could not remove node " + self + " from the cluster's presence (the others drop it"
                                         + " once its heartbeat expires): " + e);
        }
    }

    private void note(String id, byte[] entry) {
        if (leaving) {
            return;
        }
        batch.put(id, entry);
        scheduleFlush(FLUSH_DELAY_MILLIS);
    }

    private void scheduleFlush(long delayMillis) {
        if (!started || leaving) {
            return;
        }
        if (!batch.claimFlush()) {
            return;
        }
        try {
            thread.schedule(() -> run(this::flush), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // Stopping.
        }
    }

    // presence thread
    private void flush() {
        PresenceBatch.Taken taken = batch.take();
        if (taken.whole()) {
            // Taken after the batch was emptied: a change noted since is in the next batch, applied after this one.
            Map<String, byte[]> all = new LinkedHashMap<>();
            local.get().forEach(connection -> all.put(connection.id(), PresenceEntry.encode(connection)));
            taken = new PresenceBatch.Taken(true, all);
        } else if (taken.changes().isEmpty()) {
            return;
        }
        String self = node();
        eval(PresenceScripts.FLUSH, ScriptOutputType.INTEGER, keys(CONNS + self, NODES, VERSIONS),
             taken.flushArgs(self, TIME_TO_LIVE_MILLIS, CHANNEL)).whenComplete((version, failure) -> {
                 if (failure != null) {
                     // What this batch held is lost: the next heartbeat Redis answers rewrites the hash whole.
                     batch.rewriteNext();
                     redis.failures().log("Could not publish node " + self + "'s connections to Redis: " + failure);
                 }
             });
    }

    // presence thread
    private void beat() {
        String self = node();
        eval(PresenceScripts.BEAT, ScriptOutputType.MULTI, keys(NODES, VERSIONS, CONNS + self),
             bytes(self), ascii(TIME_TO_LIVE_MILLIS), bytes(CONNS), bytes(CHANNEL))
                .whenComplete((reply, failure) -> execute(() -> {
                    if (failure != null) {
                        beatFailed();
                    } else {
                        beaten(self, (List<?>) reply);
                    }
                }));
    }

    // presence thread
    private void beatFailed() {
        batch.rewriteNext();
        if (System.nanoTime() - lastBeatNanos > TimeUnit.MILLISECONDS.toNanos(TIME_TO_LIVE_MILLIS)) {
            // Stale: a list that may show connections long gone is worse than a list of this node alone.
            others.stale();
        }
    }

    // presence thread
    private void beaten(String self, List<?> reply) {
        long received = System.nanoTime();
        lastBeatNanos = received;
        boolean fresh = RemoteNodes.number(reply.get(1)) == 1;
        if (batch.rewriteNeeded(fresh)) {
            // New to the set: Redis restarted empty, or the others took this node for dead.
            scheduleFlush(0);
        }
        others.beaten(self, reply, received);
    }

    private void execute(Runnable task) {
        try {
            thread.execute(() -> run(task));
        } catch (RuntimeException e) {
            // Stopping: nothing more to do.
        }
    }

    private void run(Runnable task) {
        if (leaving) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            redis.failures().log("Cluster presence: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> eval(String script, ScriptOutputType type, byte[][] keys, byte[]... args) {
        try {
            return (CompletionStage<T>) redis.commands().eval(script, type, keys, args);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
