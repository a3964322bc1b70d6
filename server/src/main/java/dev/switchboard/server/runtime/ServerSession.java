package dev.switchboard.server.runtime;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.Session;
import dev.switchboard.server.channel.ChannelMember;

/**
 * The server's side of a {@link Session}: what the runtime and the channels need beyond the protocol's view.
 */
public interface ServerSession extends ChannelMember {

    /**
     * Whether this is a session of that protocol, the one that opened it.
     *
     * @param protocol the protocol's context
     * @return {@code true} for its own sessions only
     */
    boolean belongsTo(ProtocolContext protocol);

    /**
     * Ends the session at once, without waiting for a closing handshake, and delivers its close event if that has
     * not happened yet: for sessions still open when the server has stopped.
     *
     * @param status the status to report to the handler
     */
    void abandon(CloseStatus status);
}
