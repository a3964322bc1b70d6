package dev.switchboard.server.frame;

import dev.switchboard.api.CloseStatus;

/**
 * Writes server frames: each a whole, final, unmasked frame (RFC 6455 section 5.2) in one new array holding header
 * and payload.
 *
 * <p>One array per frame lets a connection queue a frame as a single write and lets a broadcast encode a message
 * once and queue the same array on every session; nothing here or downstream may modify it. Messages are never
 * fragmented: the server sends each one as a single frame.
 */
public final class FrameEncoder {

    private static final int MAX_CONTROL_PAYLOAD = 125;

    private FrameEncoder() {
    }

    /**
     * A data frame of a message compressed with permessage-deflate: RSV1 set (RFC 7692 section 6).
     *
     * @param opCode     {@link OpCode#TEXT} or {@link OpCode#BINARY}
     * @param compressed the compressed payload
     * @return the frame
     */
    public static byte[] compressed(int opCode, byte[] compressed) {
        byte[] frame = withPayload(opCode, compressed);
        frame[0] |= 0x40;
        return frame;
    }

    /**
     * A data frame of an uncompressed message.
     *
     * @param opCode  {@link OpCode#TEXT} or {@link OpCode#BINARY}
     * @param payload the payload, for text valid UTF-8
     * @return the frame
     */
    public static byte[] data(int opCode, byte[] payload) {
        return withPayload(opCode, payload);
    }

    /**
     * A ping frame.
     *
     * @param payload the application data, at most 125 bytes
     * @return the frame
     * @throws IllegalArgumentException if the payload is over 125 bytes
     */
    public static byte[] ping(byte[] payload) {
        return control(OpCode.PING, payload);
    }

    /**
     * A pong frame, for example answering a ping with its payload.
     *
     * @param payload the application data, at most 125 bytes
     * @return the frame
     * @throws IllegalArgumentException if the payload is over 125 bytes
     */
    public static byte[] pong(byte[] payload) {
        return control(OpCode.PONG, payload);
    }

    /**
     * A close frame. {@link CloseFrames#NO_STATUS} gives an empty payload; any other status gives its code and its
     * reason cut to 123 UTF-8 bytes without splitting a character.
     *
     * @param status the close code and reason
     * @return the frame
     * @throws IllegalArgumentException if the close code may not be sent (see {@link CloseStatus#isSendable(int)})
     */
    public static byte[] close(CloseStatus status) {
        return control(OpCode.CLOSE, CloseFrames.payload(status));
    }

    /**
     * The payload length of a frame written here, read from its header.
     *
     * @param frame a frame from this class
     * @return its payload length in bytes
     */
    public static int payloadLength(byte[] frame) {
        int length = frame[1] & 0x7F;
        return length < 126 ? length : frame.length - (length == 126 ? 4 : 10);
    }

    private static byte[] control(int opCode, byte[] payload) {
        if (payload.length > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload of " + payload.length + " bytes, over 125");
        }
        return withPayload(opCode, payload);
    }

    private static byte[] withPayload(int opCode, byte[] payload) {
        byte[] frame = withHeader(opCode, payload.length);
        System.arraycopy(payload, 0, frame, frame.length - payload.length, payload.length);
        return frame;
    }

    // The frame array with its header written; the payload goes in its last payloadLength bytes.
    private static byte[] withHeader(int opCode, int payloadLength) {
        int lengthBytes = payloadLength < 126 ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + payloadLength];
        frame[0] = (byte) (0x80 | opCode);
        if (lengthBytes == 0) {
            frame[1] = (byte) payloadLength;
        } else if (lengthBytes == 2) {
            frame[1] = 126;
            frame[2] = (byte) (payloadLength >>> 8);
            frame[3] = (byte) payloadLength;
        } else {
            frame[1] = 127;
            // A payload fits an array, so the first four of the eight length bytes stay zero.
            frame[6] = (byte) (payloadLength >>> 24);
            frame[7] = (byte) (payloadLength >>> 16);
            frame[8] = (byte) (payloadLength >>> 8);
            frame[9] = (byte) payloadLength;
        }
        return frame;
    }
}
