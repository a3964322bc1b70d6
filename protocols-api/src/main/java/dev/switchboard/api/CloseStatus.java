package dev.switchboard.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A WebSocket close code and reason (RFC 6455, section 7.4).
 *
 * @param code   the close code
 * @param reason the reason text, never {@code null}; at most 123 bytes once UTF-8 encoded when it is sent
 */
public record CloseStatus(int code, String reason) {

    /** 1006: the connection ended without a close frame. Never sent on the wire. */
    public static final int ABNORMAL_CLOSURE_CODE = 1006;

    /** 1000: normal closure. */
    public static final CloseStatus NORMAL = new CloseStatus(1000, "");
    /** 1001: the endpoint is going away, for example at server shutdown. */
    public static final CloseStatus GOING_AWAY = new CloseStatus(1001, "going away");
    /** 1002: the peer broke the WebSocket protocol. */
    public static final CloseStatus PROTOCOL_ERROR = new CloseStatus(1002, "protocol error");
    /** 1007: a message's payload did not match its type, for example invalid UTF-8 in a text message. */
    public static final CloseStatus INVALID_PAYLOAD = new CloseStatus(1007, "invalid payload");
    /** 1008: the peer violated a policy of the server. */
    public static final CloseStatus POLICY_VIOLATION = new CloseStatus(1008, "policy violation");
    /** 1009: a message was larger than the server accepts. */
    public static final CloseStatus MESSAGE_TOO_BIG = new CloseStatus(1009, "message too big");
    /** 1011: the server met an unexpected condition, for example a protocol handler that threw. */
    public static final CloseStatus INTERNAL_ERROR = new CloseStatus(1011, "internal error");

    /** The largest reason that fits a close frame: 125 payload bytes less the 2-byte code. */
    public static final int MAX_REASON_BYTES = 123;

    /**
     * Creates a close status.
     *
     * @param code   the close code
     * @param reason the reason text
     */
    public CloseStatus {
        Objects.requireNonNull(reason, "reason is null");
    }

    /**
     * The same code with another reason.
     *
     * @param newReason the reason text
     * @return a new close status
     */
    public CloseStatus withReason(String newReason) {
        return new CloseStatus(code, newReason);
    }

    /**
     * The reason cut to at most {@value #MAX_REASON_BYTES} UTF-8 bytes without splitting a character, so that it
     * fits a close frame.
     *
     * @return the reason, shortened if needed
     */
    public String wireReason() {
        if (reason.length() * 3 <= MAX_REASON_BYTES
                || reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        int bytes = 0;
        int end = 0;
        while (end < reason.length()) {
            int codePoint = reason.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return reason.substring(0, end);
    }
}
