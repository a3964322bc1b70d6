package dev.switchboard.server.runtime;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Session;

/**
 * The server's side of a {@link Session}: what the runtime needs beyond the protocol's view.
 */
public interface ServerSession extends Session {

    /**
     * Queues a message already encoded as a frame, shared with other sessions and never modified: a broadcast
     * encodes once.
     *
     * @param frame the encoded frame
     * @return {@code true} if queued
     */
    boolean sendFrame(byte[] frame);

    /**
     * Ends the session at once, without waiting for a closing handshake, and delivers its close event if that has
     * not happened yet: for sessions still open when the server has stopped.
     *
     * @param status the status to report to the handler
     */
    void abandon(CloseStatus status);
}
