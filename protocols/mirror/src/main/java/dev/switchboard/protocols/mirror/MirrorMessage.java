package dev.switchboard.protocols.mirror;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.switchboard.api.Session;

/**
 * One relayed message as the {@link Backlog} keeps it: its type and its payload, stored once for every later joiner.
 *
 * <p>Text is kept as its UTF-8 bytes, so that {@link #payloadBytes()} is exactly the memory it holds and the same
 * number a client sees on the wire.
 *
 * @param text    whether it is a text message
 * @param payload the payload: the UTF-8 bytes of a text message, the bytes of a binary one; never modified
 */
record MirrorMessage(boolean text, byte[] payload) {

    MirrorMessage {
        Objects.requireNonNull(payload, "payload is null");
    }

    /**
     * A text message.
     *
     * @param text the message
     * @return the message, encoded as UTF-8
     */
    static MirrorMessage text(String text) {
        return new MirrorMessage(true, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A binary message: a copy of the buffer's remaining bytes, exactly as long as the message.
     *
     * @param data the message; its position is left as it was
     * @return the message
     */
    static MirrorMessage binary(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        return new MirrorMessage(false, copy);
    }

    /**
     * The payload's length.
     *
     * @return bytes
     */
    int payloadBytes() {
        return payload.length;
    }

    /**
     * Queues the message to one session, with its type. Never blocks.
     *
     * @param session the recipient
     */
    void sendTo(Session session) {
        if (text) {
            session.send(new String(payload, StandardCharsets.UTF_8));
        } else {
            session.send(ByteBuffer.wrap(payload));
        }
    }
}
