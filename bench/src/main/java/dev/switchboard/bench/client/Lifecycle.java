package dev.switchboard.bench.client;

/**
 * Where a {@link ClientConnection} is in its life (connecting, handshaking, open, closing, closed), when it started
 * connecting and when it opened, and who hears of it: the listener when it opens and when it ends, the connect
 * outcome when it opens or fails to. Closed is final. On the loop's thread only.
 */
final class Lifecycle {

    private enum State { CONNECTING, HANDSHAKING, OPEN, CLOSING, CLOSED }

    private final ClientListener listener;
    // Null when nobody waits for the connect's outcome.
    private final ConnectOutcome outcome;
    private State state = State.CONNECTING;
    private long connectStartNanos;
    private long openNanos;

    Lifecycle(ClientListener listener, ConnectOutcome outcome) {
        this.listener = listener;
        this.outcome = outcome;
    }

    boolean isConnecting() {
        return state == State.CONNECTING;
    }

    boolean isHandshaking() {
        return state == State.HANDSHAKING;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isEnded() {
        return state == State.CLOSED;
    }

    long connectStartNanos() {
        return connectStartNanos;
    }

    long openNanos() {
        return openNanos;
    }

    void connecting(long now) {
        connectStartNanos = now;
    }

    void handshaking() {
        state = State.HANDSHAKING;
    }

    void opened(ClientConnection connection, long now) {
        state = State.OPEN;
        openNanos = now;
        listener.onOpen(connection, now);
        if (outcome != null) {
            outcome.opened(connection);
        }
    }

    void closing() {
        state = State.CLOSING;
    }

    // Moves to closed; false if it was closed already, so the connection is torn down and reported once.
    boolean end() {
        if (state == State.CLOSED) {
            return false;
        }
        state = State.CLOSED;
        return true;
    }

    // After end(): a connection that never opened failed, as far as the connect's outcome is concerned.
    void reportEnd(ClientConnection connection, int code, String reason) {
        if (openNanos == 0 && outcome != null) {
            outcome.failed(connection, reason);
        }
        listener.onClose(connection, code, reason);
    }
}
