package dev.switchboard.bench.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The client's frame writing, every client frame masked (RFC 6455 section 5.3), and the header bits it sets and
 * checks. The opcodes are the server's {@link dev.switchboard.server.frame.OpCode}: the same RFC constants.
 */
public final class Frames {

    /** RSV1, set on the first frame of a compressed message (RFC 7692); OR it into the opcode given to write. */
    public static final int RSV1 = 0x40;
    /** The three reserved bits of a frame's first byte. */
    public static final int RSV = 0x70;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Frames() {
    }

    /**
     * The size of a client frame with the given payload length.
     *
     * @param payloadLength the payload length
     * @return header plus payload bytes
     */
    public static int frameSize(int payloadLength) {
        return headerSize(payloadLength) + payloadLength;
    }

    private static int headerSize(int payloadLength) {
        return (payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10) + 4;
    }

    /**
     * Writes a final, masked frame into an array.
     *
     * @param opCode        the opcode, with {@link #RSV1} for a compressed message
     * @param payload       the payload's array
     * @param payloadOffset where the payload starts
     * @param payloadLength the payload length
     * @param maskingKey    the masking key, big-endian as on the wire
     * @param out           the array to write into; needs {@link #frameSize(int)} bytes from {@code outOffset}
     * @param outOffset     where the frame starts
     * @return the frame's size
     */
    public static int write(int opCode, byte[] payload, int payloadOffset, int payloadLength, int maskingKey,
                            byte[] out, int outOffset) {
        int p = outOffset;
        out[p++] = (byte) (0x80 | opCode);
        if (payloadLength < 126) {
            out[p++] = (byte) (0x80 | payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            out[p++] = (byte) (0x80 | 126);
            out[p++] = (byte) (payloadLength >>> 8);
            out[p++] = (byte) payloadLength;
        } else {
            out[p++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[p++] = (byte) ((long) payloadLength >>> shift);
            }
        }
        out[p++] = (byte) (maskingKey >>> 24);
        out[p++] = (byte) (maskingKey >>> 16);
        out[p++] = (byte) (maskingKey >>> 8);
        out[p++] = (byte) maskingKey;
        mask(maskingKey, payload, payloadOffset, out, p, payloadLength);
        return p + payloadLength - outOffset;
    }

    // XOR eight bytes at a time; whole words keep the key in phase, so the tail restarts at the key's first byte.
    private static void mask(int maskingKey, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        long key = ((long) maskingKey << 32) | (maskingKey & 0xFFFF_FFFFL);
        int i = 0;
        for (; i <= length - Long.BYTES; i += Long.BYTES) {
            LONGS.set(out, outOffset + i, (long) LONGS.get(in, inOffset + i) ^ key);
        }
        int rotating = maskingKey;
        for (; i < length; i++) {
            out[outOffset + i] = (byte) (in[inOffset + i] ^ (rotating >>> 24));
            rotating = Integer.rotateLeft(rotating, 8);
        }
    }
}
