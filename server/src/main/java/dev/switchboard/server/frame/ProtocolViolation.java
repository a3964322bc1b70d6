package dev.switchboard.server.frame;

import dev.switchboard.api.CloseStatus;

/**
 * The peer broke a rule of RFC 6455; the connection must be failed with {@link #closeStatus()}.
 *
 * <p>Checked, because every caller that reads from a peer has to answer it with a close frame. The reason is a short
 * ASCII text, well under the 123 bytes a close frame can carry, and the exception has no stack trace: it reports the
 * peer's mistake, not the server's.
 */
public final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    private ProtocolViolation(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    /**
     * A violation of the framing rules, answered with 1002 (protocol error).
     *
     * @param reason what the peer did
     * @return the violation
     */
    public static ProtocolViolation protocolError(String reason) {
        return new ProtocolViolation(CloseStatus.PROTOCOL_ERROR.code(), reason);
    }

    /**
     * A payload that does not match its message type, answered with 1007 (invalid payload).
     *
     * @param reason what was wrong with the payload
     * @return the violation
     */
    public static ProtocolViolation invalidPayload(String reason) {
        return new ProtocolViolation(CloseStatus.INVALID_PAYLOAD.code(), reason);
    }

    /**
     * A message over the size limit, answered with 1009 (message too big).
     *
     * @param reason the limit that was passed
     * @return the violation
     */
    public static ProtocolViolation messageTooBig(String reason) {
        return new ProtocolViolation(CloseStatus.MESSAGE_TOO_BIG.code(), reason);
    }

    /**
     * The close code and reason to send to the peer.
     *
     * @return the close status
     */
    public CloseStatus closeStatus() {
        return CloseStatus.of(closeCode, getMessage());
    }
}
