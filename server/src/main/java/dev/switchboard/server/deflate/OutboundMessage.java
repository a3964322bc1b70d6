package dev.switchboard.server.deflate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.switchboard.server.frame.FrameEncoder;
import dev.switchboard.server.frame.OpCode;

/**
 * A message on its way to one or many sessions, encoded at most once plain and once compressed, each when first asked
 * for: a broadcast or a channel publish shares one frame among the members that compress and one among those that
 * do not. Sharing a compressed frame is possible because the server never takes over context between messages.
 *
 * <p>Thread-safe; the frames returned are shared and must never be modified.
 */
public final class OutboundMessage {

    private final int opCode;
    private final byte[] payload;
    private byte[] plain;
    private byte[] compressed;

    private OutboundMessage(int opCode, byte[] payload) {
        this.opCode = opCode;
        this.payload = payload;
    }

    /**
     * A text message. An unpaired surrogate becomes {@code '?'}, as in
     * {@link String#getBytes(java.nio.charset.Charset)}, so the payload is always valid UTF-8.
     *
     * @param text the message
     * @return the message
     */
    public static OutboundMessage text(String text) {
        return new OutboundMessage(OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A binary message; the buffer's position is left as it was.
     *
     * @param data the message, from its position to its limit
     * @return the message
     */
    public static OutboundMessage binary(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(data.position(), bytes);
        return new OutboundMessage(OpCode.BINARY, bytes);
    }

    /**
     * A text message whose payload is UTF-8 already, as a cluster node receives it: not decoded again.
     *
     * @param utf8 the payload, valid UTF-8, owned by the message from now on
     * @return the message
     */
    public static OutboundMessage utf8(byte[] utf8) {
        return new OutboundMessage(OpCode.TEXT, utf8);
    }

    /**
     * A binary message of an array.
     *
     * @param payload the payload, owned by the message from now on
     * @return the message
     */
    public static OutboundMessage binary(byte[] payload) {
        return new OutboundMessage(OpCode.BINARY, payload);
    }

    /**
     * The message's size before compression.
     *
     * @return payload bytes
     */
    public int payloadBytes() {
        return payload.length;
    }

    /**
     * The plain frame.
     *
     * @return the frame
     */
    public synchronized byte[] plainFrame() {
        if (plain == null) {
            plain = FrameEncoder.data(opCode, payload);
        }
        return plain;
    }

    /**
     * The compressed frame (RSV1 set), or the plain frame when compressing does not make the message smaller (random
     * or already compressed data): a sender may leave any message uncompressed (RFC 7692 section 6).
     *
     * @param deflater compresses it, the first time a recipient asks
     * @return the frame
     */
    public synchronized byte[] compressedFrame(MessageDeflater deflater) {
        if (compressed == null) {
            byte[] deflated = deflater.compress(payload);
            compressed = deflated.length < payload.length ? FrameEncoder.compressed(opCode, deflated) : plainFrame();
        }
        return compressed;
    }
}
