package dev.switchboard.api;

import java.util.Objects;

/**
 * A WebSocket close code and reason (RFC 6455, section 7.4).
 *
 * <p>A protocol may send the codes 1000-1003, 1007-1014 and 3000-4999 (see {@link #isSendable(int)}). A handler may
 * also receive 1005 (the client's close frame had no code) and 1006 (the connection ended without a close frame),
 * which are never sent.
 */
public final class CloseStatus {

    /** 1005: the close frame carried no code. Received only, never sent. */
    public static final int NO_STATUS_CODE = 1005;
    /** 1006: the connection ended without a close frame. Received only, never sent. */
    public static final int ABNORMAL_CLOSURE_CODE = 1006;

    /** 1000: normal closure. */
    public static final CloseStatus NORMAL = of(1000, "");
    /** 1001: the endpoint is going away, for example at server shutdown. */
    public static final CloseStatus GOING_AWAY = of(1001, "going away");
    /** 1002: the peer broke the WebSocket protocol. */
    public static final CloseStatus PROTOCOL_ERROR = of(1002, "protocol error");
    /** 1007: a message's payload did not match its type, for example invalid UTF-8 in a text message. */
    public static final CloseStatus INVALID_PAYLOAD = of(1007, "invalid payload");
    /** 1008: the peer violated a policy of the server. */
    public static final CloseStatus POLICY_VIOLATION = of(1008, "policy violation");
    /** 1009: a message was larger than the server accepts. */
    public static final CloseStatus MESSAGE_TOO_BIG = of(1009, "message too big");
    /** 1011: the server met an unexpected condition, for example a protocol handler that threw. */
    public static final CloseStatus INTERNAL_ERROR = of(1011, "internal error");

    private final int code;
    private final String reason;

    private CloseStatus(int code, String reason) {
        this.code = code;
        this.reason = Objects.requireNonNull(reason, "reason is null");
    }

    /**
     * A close status. Any code is accepted here, since a handler also receives codes that cannot be sent;
     * {@link Session#close(CloseStatus)} refuses codes that are not {@linkplain #isSendable(int) sendable}.
     *
     * @param code   the close code
     * @param reason the reason text, never {@code null}; cut to 123 UTF-8 bytes when sent
     * @return the close status
     */
    public static CloseStatus of(int code, String reason) {
        return new CloseStatus(code, reason);
    }

    /**
     * Whether an endpoint may send a code in a close frame: 1000-1003, 1007-1014 and 3000-4999.
     *
     * @param code the close code
     * @return {@code true} if the code may appear in a close frame
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * The close code.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The reason text.
     *
     * @return the reason, possibly empty
     */
    public String reason() {
        return reason;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof CloseStatus status && status.code == code && status.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return 31 * code + reason.hashCode();
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
