package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One open WebSocket connection, as a protocol sees it.
 *
 * <p>All methods are safe to call from any thread. Sending never blocks the caller: messages are queued and
 * written by the session's own writer, in the order they were sent. The queue of each session is bounded: a
 * client that does not read fast enough is closed by the server with 1008, so that it cannot hold the server's
 * memory or slow down other clients.
 */
public interface Session {

    /**
     * A server-unique identifier of this session, for logs.
     *
     * @return the session id
     */
    String id();

    /**
     * The subprotocol this session speaks: the one the server chose from the client's offer, or the server's
     * default protocol for a client that offered none.
     *
     * @return the subprotocol token
     */
    String subprotocol();

    /**
     * The request that opened this session: path, query, headers, offered protocols, client address.
     *
     * @return the handshake
     */
    Handshake handshake();

    /**
     * The data the protocol attached when it accepted the handshake, by
     * {@link HandshakeDecision#accept(Object)} from {@link Protocol#accept(Handshake)}.
     *
     * @return the attachment, or empty when none was attached
     */
    default Optional<Object> attachment() {
        return Optional.empty();
    }

    /**
     * The attachment as the type the protocol attached, without a cast at every use.
     *
     * @param type the attachment's class
     * @param <T>  the attachment's type
     * @return the attachment, or empty when none was attached
     * @throws ClassCastException if the attachment is not of that type
     */
    default <T> Optional<T> attachment(Class<T> type) {
        return attachment().map(type::cast);
    }

    /**
     * Queues a text message. Returns at once.
     *
     * @param text the message
     * @return {@code true} if the message was queued; {@code false} if the session is closing or closed, or the
     *         message would overflow the session's queue (the session is then being closed)
     */
    boolean send(String text);

    /**
     * Queues a binary message made of the buffer's remaining bytes. The bytes are copied before this method
     * returns, so the caller may reuse the buffer. Returns at once.
     *
     * @param data the message
     * @return {@code true} if the message was queued; {@code false} as for {@link #send(String)}
     */
    boolean send(ByteBuffer data);

    /**
     * Starts the closing handshake with the given status. Messages queued before are sent first.
     * Calling it again, or on a closed session, does nothing.
     *
     * @param status the close code and reason to send
     * @throws IllegalArgumentException if the code may not be sent (see {@link CloseStatus#isSendable(int)})
     */
    void close(CloseStatus status);

    /**
     * Whether the session is still open: not closed by either side and not failed.
     *
     * @return {@code true} while messages can be sent
     */
    boolean isOpen();
}
