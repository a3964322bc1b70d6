package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.OptionalLong;

import static dev.switchboard.server.testing.FrameClient.CLOSE;
import static dev.switchboard.server.testing.FrameClient.TEXT;

/**
 * A frame as a client writes it, for {@link FrameClient#send(OutboundFrame...)}: by default final, no reserved bits,
 * masked with a random key, payload length in its shortest form. Each setting can be changed to break a rule.
 */
public final class OutboundFrame {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int opcode;
    private final byte[] payload;
    private boolean fin = true;
    private int rsv;
    private byte[] maskingKey = new byte[4];
    private int lengthBytes = -1;
    // Any 64-bit value, those with the most significant bit set included.
    private OptionalLong declaredLength = OptionalLong.empty();

    private OutboundFrame(int opcode, byte[] payload) {
        this.opcode = opcode;
        this.payload = payload.clone();
        RANDOM.nextBytes(maskingKey);
    }

    /** Any opcode, 0 to 15, with any payload. */
    public static OutboundFrame frame(int opcode, byte[] payload) {
        return new OutboundFrame(opcode, payload);
    }

    /** Any opcode with a UTF-8 text payload, or none. */
    public static OutboundFrame frame(int opcode, String text) {
        return new OutboundFrame(opcode, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame of UTF-8 text. */
    public static OutboundFrame text(String text) {
        return frame(TEXT, text);
    }

    /** A close frame: 2-byte code, then the reason bytes as given (so possibly not UTF-8). */
    public static OutboundFrame close(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return new OutboundFrame(CLOSE, payload);
    }

    /** A close frame with a code and a UTF-8 reason. */
    public static OutboundFrame close(int code, String reason) {
        return close(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the FIN bit. */
    public OutboundFrame fin(boolean value) {
        this.fin = value;
        return this;
    }

    /** Sets the reserved bits, e.g. {@link FrameClient#RSV1}. */
    public OutboundFrame rsv(int bits) {
        this.rsv = bits;
        return this;
    }

    /** Sends the payload unmasked, with the mask bit clear and no masking key. */
    public OutboundFrame unmasked() {
        this.maskingKey = null;
        return this;
    }

    /** Masks with this 4-byte key, given as four ints 0 to 255. */
    public OutboundFrame maskingKey(int b0, int b1, int b2, int b3) {
        this.maskingKey = new byte[] {(byte) b0, (byte) b1, (byte) b2, (byte) b3};
        return this;
    }

    /** Writes the length in 0 (7-bit), 2 (16-bit) or 8 (64-bit) extra bytes, shortest or not. */
    public OutboundFrame lengthBytes(int extra) {
        this.lengthBytes = extra;
        return this;
    }

    /** Announces this payload length whatever the payload holds (for a header sent alone). */
    public OutboundFrame declaredLength(long length) {
        this.declaredLength = OptionalLong.of(length);
        return this;
    }

    /** Frames (or any bytes) one after the other, as they travel on the connection. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    /** The frames' bytes one after the other. */
    public static byte[] concat(OutboundFrame... frames) {
        return concat(Arrays.stream(frames).map(OutboundFrame::bytes).toArray(byte[][]::new));
    }

    /** The header alone: first byte, length, masking key. */
    public byte[] header() {
        long length = declaredLength.orElse(payload.length);
        int extra = lengthBytes >= 0 ? lengthBytes
                : Long.compareUnsigned(length, 126) < 0 ? 0 : Long.compareUnsigned(length, 0xFFFF) <= 0 ? 2 : 8;
        ByteArrayOutputStream header = new ByteArrayOutputStream(14);
        header.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        header.write((maskingKey != null ? 0x80 : 0) | (extra == 0 ? (int) length : extra == 2 ? 126 : 127));
        for (int shift = (extra - 1) * 8; shift >= 0; shift -= 8) {
            header.write((int) (length >>> shift));
        }
        if (maskingKey != null) {
            header.writeBytes(maskingKey);
        }
        return header.toByteArray();
    }

    /** The whole frame: header, then the payload masked with the key (or as is if unmasked). */
    public byte[] bytes() {
        byte[] header = header();
        byte[] frame = new byte[header.length + payload.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        for (int i = 0; i < payload.length; i++) {
            frame[header.length + i] = (byte) (maskingKey == null ? payload[i] : payload[i] ^ maskingKey[i % 4]);
        }
        return frame;
    }
}
