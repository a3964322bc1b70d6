package dev.switchboard.server.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The XOR of a payload with a 32-bit masking key (RFC 6455 section 5.3). Masking and unmasking are the same
 * operation.
 */
final class MaskingKey {

    // Eight payload bytes per step: unmasking a 16 MiB frame costs a few milliseconds, not seconds.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private MaskingKey() {
    }

    /**
     * XORs bytes with the masking key, the key's first (most significant) byte against the first byte.
     *
     * @param maskingKey the four key bytes, big-endian as they appear on the wire
     * @param bytes      the array holding the payload
     * @param offset     where the payload starts
     * @param length     the payload length
     */
    static void apply(int maskingKey, byte[] bytes, int offset, int length) {
        apply(maskingKey, 0, bytes, offset, length);
    }

    /**
     * XORs part of a payload with the masking key, for a payload unmasked piece by piece as it arrives.
     *
     * @param maskingKey      the four key bytes, big-endian as they appear on the wire
     * @param payloadPosition the position within the whole payload of the byte at {@code offset}: it picks the key
     *                        byte that byte is XORed with ({@code payloadPosition % 4})
     * @param bytes           the array holding the part
     * @param offset          where the part starts
     * @param length          the part's length
     */
    static void apply(int maskingKey, int payloadPosition, byte[] bytes, int offset, int length) {
        // Rotate the key so that its first byte is the one due at payloadPosition.
        maskingKey = Integer.rotateLeft(maskingKey, 8 * (payloadPosition & 3));
        long key = ((long) maskingKey << 32) | (maskingKey & 0xFFFF_FFFFL);
        int end = offset + length;
        int i = offset;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ key);
        }
        // Whole words keep the key in phase, so the tail starts again at the key's first byte.
        int rotatingKey = maskingKey;
        for (; i < end; i++) {
            bytes[i] ^= (byte) (rotatingKey >>> 24);
            rotatingKey = Integer.rotateLeft(rotatingKey, 8);
        }
    }
}
