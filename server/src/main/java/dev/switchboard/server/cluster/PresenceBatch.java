package dev.switchboard.server.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.switchboard.server.cluster.PresenceScripts.ascii;
import static dev.switchboard.server.cluster.PresenceScripts.bytes;

/**
 * The changes to this node's connections that {@link RedisPresence} has not written yet, and whether its next write
 * rewrites the node's hash whole. Connection threads add to it and the presence thread takes it, under one lock.
 */
final class PresenceBatch {

    private final Object lock = new Object();
    // Session id to entry; null for a connection that closed.
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean rewrite = true;

    void put(String id, byte[] entry) {
        synchronized (lock) {
            pending.put(id, entry);
        }
    }

    // Whether the caller is to schedule a flush: false while one is scheduled already.
    boolean claimFlush() {
        synchronized (lock) {
            if (flushScheduled) {
                return false;
            }
            flushScheduled = true;
            return true;
        }
    }

    // For the flush: the changes noted so far, and whether to rewrite the hash whole; a change noted from now on is
    // in the next batch.
    Taken take() {
        synchronized (lock) {
            flushScheduled = false;
            boolean whole = rewrite;
            rewrite = false;
            Map<String, byte[]> batch = new LinkedHashMap<>(pending);
            pending.clear();
            return new Taken(whole, batch);
        }
    }

    // What Redis holds of this node is lost or unknown: the next write rewrites the hash whole.
    void rewriteNext() {
        synchronized (lock) {
            rewrite = true;
        }
    }

    // After a heartbeat: a node new to the set (Redis restarted empty, or the others took it for dead) rewrites too.
    boolean rewriteNeeded(boolean fresh) {
        synchronized (lock) {
            rewrite = rewrite || fresh;
            return rewrite;
        }
    }

    /**
     * A batch taken for a flush.
     *
     * @param whole   whether the hash is rewritten whole (the changes are then replaced by every open connection)
     * @param changes session id to entry; null for a connection that closed
     */
    record Taken(boolean whole, Map<String, byte[]> changes) {

        // The arguments of PresenceScripts.FLUSH.
        byte[][] flushArgs(String self, long timeToLiveMillis, String channel) {
            List<byte[]> args = new ArrayList<>(changes.size() * 2 + 5);
            List<byte[]> removed = new ArrayList<>();
            List<byte[]> added = new ArrayList<>();
            changes.forEach((id, entry) -> {
                if (entry == null) {
                    removed.add(bytes(id));
                } else {
                    added.add(bytes(id));
                    added.add(entry);
                }
            });
            args.add(bytes(self));
            args.add(ascii(timeToLiveMillis));
            args.add(ascii(whole ? 1 : 0));
            args.add(ascii(removed.size()));
            args.addAll(removed);
            args.addAll(added);
            args.add(bytes(channel));
            return args.toArray(byte[][]::new);
        }
    }
}
