package dev.switchboard.server.frame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;

/**
 * Frames as a client sends them, for the frame layer's tests without a socket: {@link OutboundFrame}s masked with the
 * key of the examples in RFC 6455 section 5.7, so every run reads the same bytes.
 */
final class ClientFrames {

    private ClientFrames() {
    }

    /**
     * A masked frame with the shortest length encoding.
     */
    static byte[] frame(boolean fin, int opCode, byte[] payload) {
        return rfcMasked(OutboundFrame.frame(opCode, payload).fin(fin)).bytes();
    }

    /**
     * A masked frame whose first byte (fin, reserved bits, opcode) is given as is.
     */
    static byte[] frame(int firstByte, byte[] payload) {
        return fromFirstByte(firstByte, payload).bytes();
    }

    /**
     * A masked frame with the payload length written in {@code lengthBytes} extra bytes (0, 2 or 8), shortest or not.
     */
    static byte[] frame(int firstByte, int lengthBytes, byte[] payload) {
        return fromFirstByte(firstByte, payload).lengthBytes(lengthBytes).bytes();
    }

    /**
     * A header alone, with the mask bit set and any 64-bit length, for frames whose payload is never sent.
     */
    static byte[] header64(int firstByte, long length) {
        return fromFirstByte(firstByte, new byte[0]).lengthBytes(8).declaredLength(length).header();
    }

    /**
     * The frame a client would send with the same fin, reserved bits, opcode, length encoding and payload as a
     * server frame.
     */
    static byte[] masked(byte[] serverFrame) {
        try {
            InboundFrame frame = InboundFrame.read(new ByteArrayInputStream(serverFrame));
            int length7 = serverFrame[1] & 0x7F;
            return rfcMasked(OutboundFrame.frame(frame.opcode(), frame.payload()).fin(frame.fin()).rsv(frame.rsv())
                                     .lengthBytes(length7 == 127 ? 8 : length7 == 126 ? 2 : 0)).bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static OutboundFrame fromFirstByte(int firstByte, byte[] payload) {
        return rfcMasked(OutboundFrame.frame(firstByte & 0x0F, payload)
                                 .fin((firstByte & 0x80) != 0).rsv((firstByte >>> 4) & 0x7));
    }

    private static OutboundFrame rfcMasked(OutboundFrame frame) {
        return frame.maskingKey(0x37, 0xFA, 0x21, 0x3D);
    }
}
