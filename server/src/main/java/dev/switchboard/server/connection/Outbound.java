package dev.switchboard.server.connection;

import dev.switchboard.api.CloseStatus;

/**
 * An entry of a session's outbound queue, written in order by the session's writer.
 */
sealed interface Outbound {

    /** A text message. */
    record Text(String text) implements Outbound {
    }

    /** A binary message; the bytes are never modified, so broadcasts share them. */
    record Binary(byte[] bytes) implements Outbound {
    }

    /** The close frame: the last entry a session writes. */
    record Close(CloseStatus status) implements Outbound {
    }
}
