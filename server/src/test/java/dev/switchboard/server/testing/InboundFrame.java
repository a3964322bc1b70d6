package dev.switchboard.server.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static dev.switchboard.server.testing.FrameClient.CLOSE;

/**
 * A frame from the server, as a raw client reads it: FIN bit, reserved bits ({@link FrameClient#RSV1} ...), opcode,
 * payload.
 */
public record InboundFrame(boolean fin, int rsv, int opcode, byte[] payload) {

    /** Reads the next frame from {@code in}; fails if the server masked it (RFC 6455 section 5.1). */
    public static InboundFrame read(InputStream in) throws IOException {
        int first = readByte(in);
        int second = readByte(in);
        if ((second & 0x80) != 0) {
            throw new AssertionError("the server masked a frame (RFC 6455 section 5.1)");
        }
        long length = second & 0x7F;
        int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0) {
            length = 0;
            for (int i = 0; i < extra; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        byte[] payload = in.readNBytes(Math.toIntExact(length));
        if (payload.length != length) {
            throw new EOFException("frame cut short after " + payload.length + " of " + length + " payload bytes");
        }
        return new InboundFrame((first & 0x80) != 0, (first >>> 4) & 0x7, first & 0x0F, payload);
    }

    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame; 1005 if it has none. */
    public int closeCode() {
        return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /** The reason of a close frame. */
    public String closeReason() {
        return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String shown = payload.length <= 64 ? HexFormat.ofDelimiter(" ").formatHex(payload)
                : payload.length + " bytes";
        return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode
                + (opcode == CLOSE ? ", code=" + closeCode() + ", reason='" + closeReason() + "'" : "")
                + ", payload=" + shown + "]";
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }
}
