package dev.switchboard.server.frame;

import java.nio.charset.StandardCharsets;

import dev.switchboard.api.CloseStatus;

/**
 * The payload of close frames (RFC 6455 section 5.5.1): an optional two-byte close code followed by an optional UTF-8
 * reason.
 *
 * <p>A close frame without payload has no close code; RFC 6455 section 7.1.5 reports it as 1005, which is never sent.
 * {@link #parse} returns {@link #NO_STATUS} for it and {@link FrameEncoder#close} writes {@link #NO_STATUS} back as an
 * empty payload, so a connection that echoes the status it received answers an empty close with an empty close, as
 * section 5.5.1 suggests ("typically echos the status code it received").
 */
public final class CloseFrames {

    /** 1005, no close code: the status of a close frame without payload. Written as an empty payload. */
    public static final CloseStatus NO_STATUS = CloseStatus.of(CloseStatus.NO_STATUS_CODE, "");

    /** The longest reason that fits a close frame: 125 payload bytes less the 2-byte code. */
    static final int MAX_REASON_BYTES = 123;

    private CloseFrames() {
    }

    /**
     * Reads the close code and reason of a received close frame.
     *
     * @param payload the unmasked close frame payload, at most 125 bytes
     * @return the status; {@link #NO_STATUS} for an empty payload
     * @throws ProtocolViolation (1002) for a one-byte payload, a close code that may not be sent
     *                           ({@link CloseStatus#isSendable(int)}), or a reason that is not UTF-8
     */
    public static CloseStatus parse(byte[] payload) throws ProtocolViolation {
        if (payload.length == 0) {
            return NO_STATUS;
        }
        if (payload.length == 1) {
            throw ProtocolViolation.protocolError("close payload of 1 byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseStatus.isSendable(code)) {
            throw ProtocolViolation.protocolError("invalid close code " + code);
        }
        int reasonLength = payload.length - 2;
        if (!Utf8Validator.isValid(payload, 2, reasonLength)) {
            throw ProtocolViolation.protocolError("close reason not UTF-8");
        }
        return CloseStatus.of(code, new String(payload, 2, reasonLength, StandardCharsets.UTF_8));
    }

    /**
     * The payload of a close frame for a status: the code, then the reason cut to {@value #MAX_REASON_BYTES} bytes
     * without splitting a character.
     *
     * @param status the status; {@link #NO_STATUS} for an empty payload
     * @return the payload, at most 125 bytes
     * @throws IllegalArgumentException if the code may not be sent
     */
    static byte[] payload(CloseStatus status) {
        if (status.code() == CloseStatus.NO_STATUS_CODE) {
            return new byte[0];
        }
        if (!CloseStatus.isSendable(status.code())) {
            throw new IllegalArgumentException("close code " + status.code() + " may not be sent");
        }
        byte[] reason = status.reason().getBytes(StandardCharsets.UTF_8);
        int reasonLength = reason.length;
        if (reasonLength > MAX_REASON_BYTES) {
            reasonLength = MAX_REASON_BYTES;
            // Back up to the first byte of the character the cut would split; continuation bytes are 10xxxxxx.
            while ((reason[reasonLength] & 0xC0) == 0x80) {
                reasonLength--;
            }
        }
        byte[] payload = new byte[2 + reasonLength];
        payload[0] = (byte) (status.code() >>> 8);
        payload[1] = (byte) status.code();
        System.arraycopy(reason, 0, payload, 2, reasonLength);
        return payload;
    }
}
