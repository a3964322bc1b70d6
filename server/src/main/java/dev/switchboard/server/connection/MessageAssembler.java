package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.helidon.common.buffers.BufferData;

/**
 * Reassembles one connection's fragmented messages into whole ones, refusing any message over the size limit as
 * soon as it passes it. Single-frame messages, the common case, are passed through without copying.
 */
final class MessageAssembler {

    private final int maxBytes;
    private StringBuilder text;
    private int textBytes;
    private byte[] binary;
    private int binaryLength;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a text fragment.
     *
     * @return the whole message when {@code last}, else {@code null}
     */
    String text(String part, boolean last) throws MessageTooBigException {
        if (last && text == null) {
            // A single-frame message: Helidon already held it to the frame limit, which is the message limit.
            return part;
        }
        textBytes += utf8Length(part);
        if (textBytes > maxBytes) {
            text = null;
            textBytes = 0;
            throw new MessageTooBigException(maxBytes);
        }
        if (text == null) {
            text = new StringBuilder(part.length() * 2);
        }
        text.append(part);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text = null;
        textBytes = 0;
        return whole;
    }

    /**
     * Adds a binary fragment.
     *
     * @return the whole message when {@code last}, else {@code null}
     */
    ByteBuffer binary(BufferData part, boolean last) throws MessageTooBigException {
        int length = part.available();
        if ((long) binaryLength + length > maxBytes) {
            binary = null;
            binaryLength = 0;
            throw new MessageTooBigException(maxBytes);
        }
        if (binary == null) {
            binary = new byte[last ? length : (int) Math.min(maxBytes, Math.max(2L * length, 1024))];
        } else if (binary.length < binaryLength + length) {
            binary = Arrays.copyOf(binary, (int) Math.min(maxBytes, Math.max((long) binary.length * 2,
                                                                             (long) binaryLength + length)));
        }
        part.read(binary, binaryLength, length);
        binaryLength += length;
        if (!last) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.wrap(binary, 0, binaryLength);
        binary = null;
        binaryLength = 0;
        return whole;
    }

    private static int utf8Length(String s) {
        int bytes = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // Two bytes below U+0800; three for the rest, where a surrogate pair (2 chars) makes four.
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}
