package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.switchboard.server.frame.Frame;
import dev.switchboard.server.frame.OpCode;

/**
 * Turns one connection's data frames into whole messages. The frame reader has already enforced the fragment order,
 * the message size limit and, for text, valid UTF-8.
 */
final class MessageAssembler {

    private boolean text;
    private byte[] buffer;
    private int length;

    /**
     * Adds a data frame.
     *
     * @param frame a TEXT, BINARY or CONTINUATION frame
     * @return the whole message ({@link String} or {@link ByteBuffer}) when the frame ends one, else {@code null}
     */
    Object add(Frame frame) {
        byte[] payload = frame.payload();
        if (frame.opCode() != OpCode.CONTINUATION) {
            text = frame.opCode() == OpCode.TEXT;
            if (frame.fin()) {
                // The common case, a single-frame message: no copy.
                return text ? new String(payload, StandardCharsets.UTF_8) : ByteBuffer.wrap(payload);
            }
            buffer = payload.length == 0 ? new byte[256] : Arrays.copyOf(payload, Math.max(payload.length * 2, 256));
            length = payload.length;
        } else {
            append(payload);
        }
        if (!frame.fin()) {
            return null;
        }
        byte[] whole = buffer;
        int wholeLength = length;
        buffer = null;
        length = 0;
        return text ? new String(whole, 0, wholeLength, StandardCharsets.UTF_8) : ByteBuffer.wrap(whole, 0, wholeLength);
    }

    private void append(byte[] payload) {
        if (buffer.length - length < payload.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16,
                                                          Math.max(2L * buffer.length, (long) length + payload.length)));
        }
        System.arraycopy(payload, 0, buffer, length, payload.length);
        length += payload.length;
    }
}
