package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One open WebSocket connection, as a protocol sees it.
 *
 * <p>All methods are safe to call from any thread. Sending never blocks the caller: messages are queued and
 * written by the session's own writer, in the order they were sent. The queue of each session is bounded by the
 * protocol's {@code send-queue-limit}: a client that does not read fast enough is closed by the server with 1008,
 * so that it cannot hold the server's memory or slow down other clients. That is what {@link #send(String)} does.
 *
 * <h2>Backpressure</h2>
 * A protocol that would rather drop or slow down than lose a client that is behind uses {@link #offer(String)},
 * which queues only while the queue is below its <em>high-water mark</em> (half the send-queue limit) and otherwise
 * refuses without closing anything. After a refused offer, or after {@link #requestWritable()}, the handler's
 * {@link MessageHandler#onWritable()} is called once when the queue has drained to its <em>low-water mark</em> (a
 * quarter of the limit): libwebsockets' {@code LWS_CALLBACK_SERVER_WRITEABLE}.
 *
 * <h2>Serialized calls</h2>
 * The server makes a session's handler calls one at a time, in order: {@link Protocol#open(Session)}, then
 * {@link MessageHandler#onText(String)}, {@link MessageHandler#onBinary(ByteBuffer)},
 * {@link MessageHandler#onWritable()} and the tasks given to {@link #execute(Runnable)}, then
 * {@link MessageHandler#onClose(CloseStatus)} last. State that only these calls touch needs no lock. Timer tasks of
 * {@link ProtocolContext#schedule} and other threads are not among them: they hand work to a session with
 * {@link #execute(Runnable)}.
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
     * Queues a text message if the queue is below its high-water mark, and never closes the session for it: for a
     * protocol that drops or delays messages to a client that is behind. A refused offer asks for one
     * {@link MessageHandler#onWritable()} call once the queue has drained (see {@link #requestWritable()}).
     *
     * @param text the message
     * @return {@code true} if the message was queued; {@code false} if the queue is at or above its high-water mark,
     *         or the session is closing or closed
     */
    boolean offer(String text);

    /**
     * Queues a binary message, the buffer's remaining bytes, on the terms of {@link #offer(String)}. The bytes are
     * copied before this method returns when the message is queued.
     *
     * @param data the message
     * @return {@code true} if the message was queued; {@code false} as for {@link #offer(String)}
     */
    boolean offer(ByteBuffer data);

    /**
     * The bytes waiting in the session's send queue: encoded frames not yet written to the socket.
     *
     * @return the queued bytes, 0 when everything was written
     */
    long queuedBytes();

    /**
     * Whether an {@link #offer(String)} made now would be queued: the session is open and its queue below the
     * high-water mark.
     *
     * @return {@code true} while offers are taken
     */
    boolean isWritable();

    /**
     * Asks for one {@link MessageHandler#onWritable()} call once the send queue has drained to its low-water mark:
     * soon, serialized with the other handler calls, if it is there already. Asking again before the call happened
     * asks for the same one call. No call happens once the session is closing.
     */
    void requestWritable();

    /**
     * Runs a task serialized with this session's handler calls (see the class description): after the calls already
     * waiting, never beside one of them, on a handler thread with the protocol's context class loader. A task that
     * throws closes the session with {@link CloseStatus#INTERNAL_ERROR}, as a handler that throws does, and a task
     * that runs past the protocol's {@code handler-timeout} is treated as a stalled handler. Tasks given before the
     * session ended run before its {@link MessageHandler#onClose(CloseStatus)}, even while the session is closing.
     *
     * <p>This method never waits, so a timer may call it for every session. It never lets work pile up without bound
     * either: at most 10,000 tasks wait for one session's handler. One more means the handler is stuck or fed far
     * faster than it runs; the session is then closed with {@link CloseStatus#INTERNAL_ERROR} (as a session whose
     * client does not read is closed once its send queue is full) and this task and every later one is refused, so
     * that {@code false} always means the same: this session is ending, stop giving it work. The bound counts tasks,
     * not what they hold: hand a message to a session with {@link #send(String)} or {@link #offer(String)}, not with
     * a task that carries it. Tasks wait like every other call while the session is slowed for a channel whose
     * members are behind (see {@link Channel}), up to the protocol's {@code send-timeout}: a timer that executes on
     * every tick stays far below the bound, one that executes thousands of times a second does not.
     *
     * @param task the task
     * @return {@code true} if the task will run; {@code false} if the session has ended (its
     *         {@link MessageHandler#onClose(CloseStatus)} is in line or done) or is being closed for too many waiting
     *         tasks, in which case it never runs
     */
    boolean execute(Runnable task);

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
