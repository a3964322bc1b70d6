package dev.switchboard.server.runtime;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.api.ConnectionInfo;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.ServerConnections;
import dev.switchboard.api.Session;
import dev.switchboard.server.cluster.ClusterPresence;

/**
 * Every open connection of the server, across protocols, and the protocols listening for changes: what
 * {@link ServerConnections} shows a protocol.
 *
 * <p>A change costs one map update and, per listening protocol, one flag check: a listener is scheduled on its
 * protocol's timer only if it is not already waiting to run, so bursts coalesce and no plugin code runs on a
 * connection's thread.
 *
 * <p>On a cluster node the list adds the other nodes' connections from the {@link ClusterPresence}'s cache, and a
 * change there pokes the listeners as a local change does; this node's opens and closes go to the presence, which
 * batches them for Redis. Neither reading nor changing waits for Redis.
 */
public final class OpenConnections {

    private static final Comparator<OpenConnection> NEWEST_FIRST =
            Comparator.comparingLong(OpenConnection::sequence).reversed();

    private final Map<String, OpenConnection> byId = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ClusterPresence presence;

    /**
     * Public for the bench module's {@code BroadcastBenchmark}, which builds a {@link ProtocolRuntime} of its own;
     * the server makes one in its {@link ProtocolCatalog}.
     *
     * @param presence this node's view of the cluster, or {@link ClusterPresence#single} without one
     */
    public OpenConnections(ClusterPresence presence) {
        this.presence = Objects.requireNonNull(presence, "presence is null");
        presence.attach(this::local, this::changed);
    }

    void opened(Session session) {
        // Only what a status page shows: nothing else of the handshake (cookies, tokens) leaves its protocol.
        Handshake handshake = session.handshake();
        OpenConnection connection = new OpenConnection(sequence.incrementAndGet(), session.id(),
                                                       session.subprotocol(), handshake.remoteAddress(),
                                                       Instant.now(), handshake.header("User-Agent"),
                                                       presence.node());
        byId.put(session.id(), connection);
        presence.opened(connection);
        changed();
    }

    void closed(Session session) {
        if (byId.remove(session.id()) != null) {
            presence.closed(session.id());
            changed();
        }
    }

    // This node's connections, newest first.
    private List<ConnectionInfo> local() {
        List<OpenConnection> all = new ArrayList<>(byId.values());
        all.sort(NEWEST_FIRST);
        return List.copyOf(all);
    }

    /**
     * The view one protocol gets; its listeners run on that protocol's timer.
     *
     * @param timer the protocol's timer
     * @return the view
     */
    View viewFor(ProtocolTimer timer) {
        return new View(timer);
    }

    private void changed() {
        for (Listener listener : listeners) {
            listener.poke();
        }
    }

    /** One protocol's view of the open connections. */
    final class View implements ServerConnections {

        private final ProtocolTimer timer;

        private View(ProtocolTimer timer) {
            this.timer = timer;
        }

        @Override
        public List<ConnectionInfo> list() {
            List<ConnectionInfo> local = local();
            List<ConnectionInfo> remote = presence.remote();
            if (remote.isEmpty()) {
                return local;
            }
            // Both newest first: merged by opening time, this node's first at a tie.
            List<ConnectionInfo> all = new ArrayList<>(local.size() + remote.size());
            int l = 0;
            int r = 0;
            while (l < local.size() || r < remote.size()) {
                if (r == remote.size() || (l < local.size()
                        && !local.get(l).openedAt().isBefore(remote.get(r).openedAt()))) {
                    all.add(local.get(l++));
                } else {
                    all.add(remote.get(r++));
                }
            }
            return Collections.unmodifiableList(all);
        }

        @Override
        public int count() {
            return byId.size() + presence.remote().size();
        }

        @Override
        public Subscription onChange(Runnable listener) {
            Listener registered = new Listener(this, Objects.requireNonNull(listener, "listener is null"));
            listeners.add(registered);
            return registered::cancel;
        }

        /** Ends every subscription of this view: its protocol stopped. */
        void cancelAll() {
            for (Listener listener : listeners) {
                if (listener.view == this) {
                    listener.cancel();
                }
            }
        }
    }

    private final class Listener {

        private final View view;
        private final Runnable task;
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile boolean cancelled;

        private Listener(View view, Runnable task) {
            this.view = view;
            this.task = task;
        }

        void poke() {
            if (!cancelled && pending.compareAndSet(false, true)) {
                try {
                    view.timer.schedule(this::run, Duration.ZERO);
                } catch (RejectedExecutionException e) {
                    // The protocol's timer has stopped: so has the protocol.
                    cancel();
                }
            }
        }

        private void run() {
            // Cleared before the run, so a change during the run schedules the next one.
            pending.set(false);
            if (!cancelled) {
                task.run();
            }
        }

        void cancel() {
            cancelled = true;
            listeners.remove(this);
        }
    }

    private record OpenConnection(long sequence,
                                  String id,
                                  String subprotocol,
                                  InetSocketAddress remoteAddress,
                                  Instant openedAt,
                                  Optional<String> userAgent,
                                  String node) implements ConnectionInfo {
    }
}
