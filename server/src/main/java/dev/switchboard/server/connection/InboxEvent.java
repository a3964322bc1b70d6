package dev.switchboard.server.connection;

import dev.switchboard.api.CloseStatus;

/**
 * What a {@link SessionInbox} holds besides the client's messages (a {@code String} or a {@code ByteBuffer}): the
 * session's opening, its tasks, the client's close, the server's close for a broken rule, a pong to send after the
 * calls before its ping, the queue drained after an onWritable request, and the close event.
 */
sealed interface InboxEvent {

    /** The one opening event: the protocol's {@code open}. */
    Opening OPENING = new Opening();

    /** The one onWritable event: a session has one in line at most. */
    Writable WRITABLE = new Writable();

    /** Hands the session to its protocol. */
    record Opening() implements InboxEvent {
    }

    /** The handler's onWritable, after the queue drained. */
    record Writable() implements InboxEvent {
    }

    /**
     * A task of {@code Session.execute}.
     *
     * @param runnable the task
     */
    record Task(Runnable runnable) implements InboxEvent {
    }

    /**
     * The client's close frame, answered once the messages before it have reached the handler.
     *
     * @param status the client's code and reason
     */
    record ClientClose(CloseStatus status) implements InboxEvent {
    }

    /**
     * The server's close for a framing rule the client broke, sent once the messages before the broken frame have
     * reached the handler.
     *
     * @param status the status to send
     */
    record ProtocolError(CloseStatus status) implements InboxEvent {
    }

    /**
     * A pong, sent once the calls before its ping are made.
     *
     * @param frame the encoded pong
     */
    record Pong(byte[] frame) implements InboxEvent {
    }

    /**
     * The handler's last call.
     *
     * @param status what ended the session
     */
    record CloseEvent(CloseStatus status) implements InboxEvent {
    }
}
