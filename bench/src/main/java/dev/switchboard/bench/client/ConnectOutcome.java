package dev.switchboard.bench.client;

/**
 * Told once whether a connection's handshake succeeded, on the connection's loop thread: how connection setup is
 * paced and counted without touching the per-frame path.
 */
public interface ConnectOutcome {

    /**
     * The server answered 101.
     *
     * @param connection the open connection
     */
    void opened(ClientConnection connection);

    /**
     * The connection ended before it opened: refused, reset, or a bad answer.
     *
     * @param connection the connection
     * @param reason     what went wrong
     */
    void failed(ClientConnection connection, String reason);
}
