package dev.switchboard.api;

import java.nio.ByteBuffer;

/**
 * Receives the events of one connection.
 *
 * <p>The server never calls one handler from two threads at once, and calls it in the order the events
 * happened. Messages are whole: the server reassembles fragmented messages, within the configured maximum
 * message size, before calling the handler. No message is delivered once the session is closing, and
 * {@link #onClose(CloseStatus)} is the last call a handler receives, exactly once.
 *
 * <p>A handler method that throws closes its session with {@link CloseStatus#INTERNAL_ERROR}; other sessions
 * are not affected. Calls run on the server's handler threads, never on the thread that reads the connection:
 * blocking in a handler delays that session's later calls, and a call that runs past the protocol's
 * {@code handler-timeout} closes the session with 1011. See {@link Session} for which calls are serialized.
 */
public interface MessageHandler {

    /**
     * A whole text message arrived.
     *
     * @param text the message
     */
    default void onText(String text) {
    }

    /**
     * A whole binary message arrived.
     *
     * @param data the message, positioned at its first byte; the buffer belongs to the handler
     */
    default void onBinary(ByteBuffer data) {
    }

    /**
     * The session's send queue has drained to its low-water mark after a refused {@link Session#offer(String)} or a
     * {@link Session#requestWritable()}: the protocol may send again. Called once per request, serialized with the
     * other calls; not called once the session is closing.
     */
    default void onWritable() {
    }

    /**
     * The session ended, whatever ended it: a close frame from either side, a protocol error, a broken connection
     * or server shutdown.
     *
     * @param status the close code and reason: those of the client's close frame when the client closed
     *               ({@link CloseStatus#NO_STATUS_CODE} if it carried no code), those the server sent when it
     *               closed, or {@link CloseStatus#ABNORMAL_CLOSURE_CODE} with the cause as reason when the connection
     *               ended without a closing handshake
     */
    default void onClose(CloseStatus status) {
    }
}
