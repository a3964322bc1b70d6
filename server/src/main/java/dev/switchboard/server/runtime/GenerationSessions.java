package dev.switchboard.server.runtime;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Session;
import dev.switchboard.server.channel.ServerChannels;

/**
 * The sessions of one generation of a protocol: those open, those whose close event is still running, and the drain
 * of a generation that a newer one replaced, which is retired once none of either is left.
 */
final class GenerationSessions {

    private final Set<ServerSession> open = ConcurrentHashMap.newKeySet();
    // Sessions that have ended but whose close event has not returned yet: Protocol.stop() waits for them.
    private final Set<ServerSession> closing = ConcurrentHashMap.newKeySet();
    private final OpenConnections allConnections;
    private final ServerChannels channels;
    // Set once, when a newer generation replaces this one or its plugin is removed.
    private volatile Instant drainingUntil;
    private volatile Runnable whenDrained;
    private final AtomicBoolean drained = new AtomicBoolean();

    GenerationSessions(OpenConnections allConnections, ServerChannels channels) {
        this.allConnections = allConnections;
        this.channels = channels;
    }

    void opened(ServerSession session) {
        open.add(session);
        allConnections.opened(session);
    }

    // Calling it again does nothing more (a session that joined channels while it was being opened leaves them then).
    void closed(ServerSession session) {
        closing.add(session);
        channels.leaveAll(session);
        if (open.remove(session)) {
            allConnections.closed(session);
        }
    }

    void closeDelivered(ServerSession session) {
        closing.remove(session);
        drainedIfIdle();
    }

    int count() {
        return open.size();
    }

    Collection<Session> snapshot() {
        return List.copyOf(open);
    }

    // Whether sessions are open or close events are still running: stopping the protocol would overtake them.
    boolean any() {
        return !open.isEmpty() || !closing.isEmpty();
    }

    // Ends every session still open, for a server that has stopped listening. Each close event runs on a thread of
    // its own, so that a handler blocked in onClose delays nothing but itself. Calling it again ends sessions that
    // opened since; a session ends once.
    void abandonAll(CloseStatus status) {
        open.forEach(session -> Thread.ofVirtual().start(() -> session.abandon(status)));
    }

    // Makes this a draining generation: it keeps its sessions and takes no new ones (the catalog no longer finds it).
    // The time is when the sessions still open will be closed with 1012, for the protocol list.
    void drain(Instant until) {
        this.drainingUntil = until;
    }

    // Retires this draining generation once no session is left: whenDrained runs, once, now or on the thread that
    // delivers the last close event.
    void retireWhenIdle(Runnable action) {
        this.whenDrained = action;
        drainedIfIdle();
    }

    // Empty for the newest generation.
    Optional<Instant> drainingUntil() {
        return Optional.ofNullable(drainingUntil);
    }

    private void drainedIfIdle() {
        Runnable action = whenDrained;
        if (action != null && !any() && drained.compareAndSet(false, true)) {
            action.run();
        }
    }
}
