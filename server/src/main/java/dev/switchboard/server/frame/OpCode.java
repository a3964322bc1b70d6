package dev.switchboard.server.frame;

/**
 * The frame opcodes of RFC 6455 (section 5.2) and the predicates the framing rules need.
 *
 * <p>Opcodes stay plain {@code int}s, as read from the low four bits of a frame's first byte, so that reading a
 * frame needs no lookup and no allocation.
 */
public final class OpCode {

    /** 0: continues a fragmented message. */
    public static final int CONTINUATION = 0;
    /** 1: starts a text message. */
    public static final int TEXT = 1;
    /** 2: starts a binary message. */
    public static final int BINARY = 2;
    /** 8: closes the connection. */
    public static final int CLOSE = 8;
    /** 9: asks the peer for a pong. */
    public static final int PING = 9;
    /** 10: answers a ping, or serves as a unidirectional heartbeat. */
    public static final int PONG = 10;

    private OpCode() {
    }

    /**
     * Whether the opcode is a control opcode (close, ping, pong). Control frames are never fragmented and carry at
     * most 125 payload bytes.
     *
     * @param opCode the opcode
     * @return {@code true} for {@link #CLOSE}, {@link #PING} and {@link #PONG}
     */
    public static boolean isControl(int opCode) {
        return opCode == CLOSE || opCode == PING || opCode == PONG;
    }

    /**
     * Whether the opcode belongs to a message: text, binary or a continuation of either.
     *
     * @param opCode the opcode
     * @return {@code true} for {@link #CONTINUATION}, {@link #TEXT} and {@link #BINARY}
     */
    public static boolean isData(int opCode) {
        return opCode == CONTINUATION || opCode == TEXT || opCode == BINARY;
    }

    /**
     * Whether RFC 6455 defines the opcode. Opcodes 3-7 and 11-15 are reserved; no extension that would define them
     * is ever negotiated.
     *
     * @param opCode the opcode
     * @return {@code true} for the six defined opcodes
     */
    public static boolean isKnown(int opCode) {
        return isData(opCode) || isControl(opCode);
    }
}
