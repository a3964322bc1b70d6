package dev.switchboard.server.listener;

import java.io.ByteArrayOutputStream;

/**
 * A message a listener sends in parts ({@code send(part, false)} ... {@code send(part, true)}), held until its last
 * part: the protocol API sends whole messages, so that a fragmented message can never be interleaved with another
 * message of the session, as it can on Helidon's own connection. Not thread-safe: its session serializes access.
 */
final class PartialMessage {

    /** What a part is. */
    enum Kind {
        /** Part of a text message. */
        TEXT,
        /** Part of a binary message. */
        BINARY
    }

    private final long limitBytes;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private Kind kind;
    private long bytes;

    /**
     * Creates an empty message.
     *
     * @param limitBytes the largest message it may grow to, in UTF-8 bytes for text
     */
    PartialMessage(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Whether parts are waiting for their last part.
     *
     * @return {@code true} between a first part and the last
     */
    boolean isStarted() {
        return kind != null;
    }

    /**
     * Adds a part of a text message.
     *
     * @param part the part
     * @return {@code false} if the message grew over the limit; it is then dropped
     * @throws IllegalStateException if a binary message is unfinished
     */
    boolean addText(String part) {
        start(Kind.TEXT);
        text.append(part);
        return grow(Utf8Length.of(part));
    }

    /**
     * Adds a part of a binary message.
     *
     * @param part the part
     * @return {@code false} if the message grew over the limit; it is then dropped
     * @throws IllegalStateException if a text message is unfinished
     */
    boolean addBinary(byte[] part) {
        start(Kind.BINARY);
        binary.writeBytes(part);
        return grow(part.length);
    }

    /**
     * Takes the whole text message, leaving this one empty.
     *
     * @return the parts so far, joined
     */
    String takeText() {
        String whole = text.toString();
        clear();
        return whole;
    }

    /**
     * Takes the whole binary message, leaving this one empty.
     *
     * @return the parts so far, joined
     */
    byte[] takeBinary() {
        byte[] whole = binary.toByteArray();
        clear();
        return whole;
    }

    /**
     * Drops the parts so far.
     */
    void clear() {
        kind = null;
        bytes = 0;
        text.setLength(0);
        binary.reset();
    }

    private void start(Kind partKind) {
        if (kind != null && kind != partKind) {
            throw new IllegalStateException("A " + kind.name().toLowerCase() + " message sent in parts is unfinished:"
                    + " send its last part before a " + partKind.name().toLowerCase() + " message");
        }
        kind = partKind;
    }

    private boolean grow(long partBytes) {
        bytes += partBytes;
        if (bytes > limitBytes) {
            clear();
            return false;
        }
        return true;
    }
}
