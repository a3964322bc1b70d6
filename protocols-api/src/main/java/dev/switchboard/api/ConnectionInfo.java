package dev.switchboard.api;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Read-only facts about one open connection of the server, whatever its protocol: what a status page shows. It
 * gives no way to send to the connection or to close it.
 */
public interface ConnectionInfo {

    /**
     * The server-unique id of the connection's session, the same as {@link Session#id()}.
     *
     * @return the session id
     */
    String id();

    /**
     * The subprotocol the connection speaks.
     *
     * @return the subprotocol token
     */
    String subprotocol();

    /**
     * The client's address as the server sees it.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /**
     * When the connection was opened: the moment its protocol accepted it in {@link Protocol#open(Session)},
     * milliseconds after the handshake.
     *
     * @return the time the connection joined the list
     */
    Instant openedAt();

    /**
     * The client's {@code User-Agent} header.
     *
     * @return the user agent, or empty when the client sent none
     */
    Optional<String> userAgent();
}
