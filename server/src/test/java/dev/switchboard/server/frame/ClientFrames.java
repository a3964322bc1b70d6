package dev.switchboard.server.frame;

import java.io.ByteArrayOutputStream;

/**
 * Frames as a client sends them: masked, with the header spelled out byte by byte so tests can also write frames
 * that break the rules.
 */
final class ClientFrames {

    // The masking key of the examples in RFC 6455 section 5.7.
    static final int MASKING_KEY = 0x37FA213D;

    private ClientFrames() {
    }

    /**
     * A masked frame with the shortest length encoding.
     */
    static byte[] frame(boolean fin, int opCode, byte[] payload) {
        return frame((fin ? 0x80 : 0) | opCode, payload);
    }

    /**
     * A masked frame whose first byte (fin, reserved bits, opcode) is given as is.
     */
    static byte[] frame(int firstByte, byte[] payload) {
        return frame(firstByte, payload.length < 126 ? 0 : payload.length <= 0xFFFF ? 2 : 8, payload);
    }

    /**
     * A masked frame with the payload length written in {@code lengthBytes} extra bytes (0, 2 or 8), shortest or not.
     */
    static byte[] frame(int firstByte, int lengthBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write(firstByte);
        int length7 = lengthBytes == 0 ? payload.length : lengthBytes == 2 ? 126 : 127;
        out.write(0x80 | length7);
        for (int shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) ((long) payload.length >>> shift));
        }
        writeKeyAndMaskedPayload(out, payload, 0, payload.length);
        return out.toByteArray();
    }

    /**
     * A header alone, with the mask bit set and any 64-bit length, for frames whose payload is never sent.
     */
    static byte[] header64(int firstByte, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(14);
        out.write(firstByte);
        out.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (length >>> shift));
        }
        writeKey(out);
        return out.toByteArray();
    }

    /**
     * The frame a client would send with the same fin, opcode and payload as a server frame: mask bit set, masking
     * key inserted after the length, payload masked.
     */
    static byte[] masked(byte[] serverFrame) {
        int length7 = serverFrame[1] & 0x7F;
        int headerLength = 2 + (length7 == 127 ? 8 : length7 == 126 ? 2 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(serverFrame.length + 4);
        out.write(serverFrame[0]);
        out.write(serverFrame[1] | 0x80);
        out.write(serverFrame, 2, headerLength - 2);
        writeKeyAndMaskedPayload(out, serverFrame, headerLength, serverFrame.length - headerLength);
        return out.toByteArray();
    }

    /**
     * A payload of recognisable bytes that differ from their neighbours and from the masking key's.
     */
    static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /**
     * Frames one after the other, as they travel on the connection.
     */
    static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static void writeKeyAndMaskedPayload(ByteArrayOutputStream out, byte[] bytes, int offset, int length) {
        writeKey(out);
        // Byte by byte, the RFC's own formula, independent of the word-at-a-time code under test.
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (bytes[offset + i] ^ (MASKING_KEY >>> (24 - 8 * (i % 4))));
        }
        out.writeBytes(masked);
    }

    private static void writeKey(ByteArrayOutputStream out) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(MASKING_KEY >>> shift);
        }
    }
}
