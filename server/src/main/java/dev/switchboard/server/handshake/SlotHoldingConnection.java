package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.server.limits.SessionSlot;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.spi.ServerConnection;

/**
 * An upgraded connection and the session slot reserved for it: the slot comes back when the connection ends. Helidon
 * may also close an upgraded connection without ever running it (a server stopping between the 101 and the start);
 * the slot then comes back at that close, and the protocol hears that the handshake it accepted was abandoned, since
 * its session never opens.
 */
final class SlotHoldingConnection implements ServerConnection {

    private enum State { NEW, RUNNING, CLOSED_UNRUN }

    private final ServerConnection connection;
    private final SessionSlot slot;
    private final Runnable abandon;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    SlotHoldingConnection(ServerConnection connection, SessionSlot slot, Runnable abandon) {
        this.connection = connection;
        this.slot = slot;
        this.abandon = abandon;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            // Closed before it ran: the slot is back already, and there is no session to serve.
            return;
        }
        try {
            connection.handle(limit);
        } finally {
            slot.release();
        }
    }

    @Override
    public Duration idleTime() {
        return connection.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        if (state.compareAndSet(State.NEW, State.CLOSED_UNRUN)) {
            slot.release();
            abandon.run();
        }
        connection.close(interrupt);
    }
}
