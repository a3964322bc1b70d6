package dev.switchboard.api;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One open WebSocket connection, as a protocol sees it.
 *
 * <p>All methods are safe to call from any thread. Sending never blocks the caller: messages are queued and
 * written by the session's own writer, in the order they were sent.
 */
public interface Session {

    /**
     * A server-unique identifier of this session, for logs.
     *
     * @return the session id
     */
    String id();

    /**
     * The subprotocol negotiated for this session, the one named in the server's handshake response.
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
     * The path of the handshake request, without the query.
     *
     * @return the request path, for example {@code "/"}
     */
    String path();

    /**
     * The raw query of the handshake request.
     *
     * @return the query without the leading {@code '?'}, or an empty string when there was none
     */
    String query();

    /**
     * The first value of a query parameter of the handshake request, decoded.
     *
     * @param name the parameter name
     * @return the value, or empty when the parameter is absent
     */
    Optional<String> queryParam(String name);

    /**
     * The headers of the handshake request.
     *
     * @return an immutable map from lower-case header name to the header's values in arrival order
     */
    Map<String, List<String>> headers();

    /**
     * The first value of a header of the handshake request.
     *
     * @param name the header name, in any letter case
     * @return the value, or empty when the header is absent
     */
    Optional<String> header(String name);

    /**
     * Queues a text message. Returns at once; does nothing once the session is closed.
     *
     * @param text the message
     */
    void send(String text);

    /**
     * Queues a binary message made of the buffer's remaining bytes. The bytes are copied before this method
     * returns, so the caller may reuse the buffer. Returns at once; does nothing once the session is closed.
     *
     * @param data the message
     */
    void send(ByteBuffer data);

    /**
     * Starts the closing handshake with the given status. Messages queued before are sent first.
     * Calling it again, or on a closed session, does nothing.
     *
     * @param status the close code and reason to send
     */
    void close(CloseStatus status);

    /**
     * Whether the session is still open: not closed by either side and not failed.
     *
     * @return {@code true} while messages can be sent
     */
    boolean isOpen();
}
