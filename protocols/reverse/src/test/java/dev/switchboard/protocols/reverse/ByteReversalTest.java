package dev.switchboard.protocols.reverse;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteReversalTest {

    @Test
    void reversesHeapBuffer() {
        assertArrayEquals(new byte[] {3, 2, 1}, bytes(ByteReversal.reverse(ByteBuffer.wrap(new byte[] {1, 2, 3}))));
    }

    @Test
    void reversesEmptyBufferToEmptyBuffer() {
        assertEquals(0, ByteReversal.reverse(ByteBuffer.allocate(0)).remaining());
    }

    @Test
    void reversesDirectReadOnlyBufferWithoutArray() {
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4}).flip().asReadOnlyBuffer();

        assertArrayEquals(new byte[] {4, 3, 2, 1}, bytes(ByteReversal.reverse(direct)));
    }

    @Test
    void reversesOnlyRemainingBytesAndLeavesSourceUntouched() {
        ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3);

        ByteBuffer reversed = ByteReversal.reverse(source);

        assertArrayEquals(new byte[] {3, 2, 1}, bytes(reversed));
        assertEquals(1, source.position());
        assertEquals(4, source.limit());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
