package dev.switchboard.protocols.reverse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reverses the bytes of a binary message.
 *
 * <p>Reads by absolute index, so the source may be a direct, read-only or sliced buffer with no accessible array,
 * and its position and limit are left as they were.
 *
 * <p>Public for the bench module's {@code ReverseBenchmark}.
 */
public final class ByteReversal {

    private ByteReversal() {
    }

    /**
     * Copies the buffer's remaining bytes in reverse order.
     *
     * @param data the bytes from position to limit
     * @return a new buffer holding the reversed bytes, positioned at its first byte
     */
    public static ByteBuffer reverse(ByteBuffer data) {
        Objects.requireNonNull(data, "data is null");
        ByteBuffer reversed = ByteBuffer.allocate(data.remaining());
        for (int index = data.limit() - 1; index >= data.position(); index--) {
            reversed.put(data.get(index));
        }
        return reversed.flip();
    }
}
