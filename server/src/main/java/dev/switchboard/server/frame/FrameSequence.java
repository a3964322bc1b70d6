package dev.switchboard.server.frame;

/**
 * The order of frames within messages (RFC 6455 section 5.4): a fragmented message is a text or binary frame without
 * fin followed by continuation frames, the last with fin; control frames may come in between.
 */
final class FrameSequence {

    private boolean messageOpen;

    /**
     * Checks that a frame may come next and records it.
     *
     * @param opCode the frame's opcode, a known one
     * @param fin    the frame's fin bit
     * @throws ProtocolViolation (1002) for a continuation without a message, or a new message inside one
     */
    void check(int opCode, boolean fin) throws ProtocolViolation {
        if (OpCode.isControl(opCode)) {
            return;
        }
        if (opCode == OpCode.CONTINUATION) {
            if (!messageOpen) {
                throw ProtocolViolation.protocolError("continuation frame without a message to continue");
            }
        } else if (messageOpen) {
            throw ProtocolViolation.protocolError("new message inside a fragmented message");
        }
        messageOpen = !fin;
    }
}
