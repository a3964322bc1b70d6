package dev.switchboard.server.frame;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The order of fragments within messages, control frames aside.
 */
class FrameSequenceTest {

    private final FrameSequence sequence = new FrameSequence();

    @Test
    void unfragmentedMessagesFollowEachOther() throws ProtocolViolation {
        sequence.check(OpCode.TEXT, true);
        sequence.check(OpCode.BINARY, true);
        sequence.check(OpCode.TEXT, true);
    }

    @Test
    void continuationWithoutStartedMessageIsAProtocolError() {
        assertThat(closeCode(OpCode.CONTINUATION, true), is(1002));
    }

    @Test
    void continuationAfterFinishedMessageIsAProtocolError() throws ProtocolViolation {
        sequence.check(OpCode.TEXT, false);
        sequence.check(OpCode.CONTINUATION, true);
        assertThat(closeCode(OpCode.CONTINUATION, false), is(1002));
    }

    @Test
    void newTextMessageInsideFragmentedMessageIsAProtocolError() throws ProtocolViolation {
        sequence.check(OpCode.BINARY, false);
        assertThat(closeCode(OpCode.TEXT, true), is(1002));
    }

    @Test
    void newBinaryMessageInsideFragmentedMessageIsAProtocolError() throws ProtocolViolation {
        sequence.check(OpCode.TEXT, false);
        sequence.check(OpCode.CONTINUATION, false);
        assertThat(closeCode(OpCode.BINARY, false), is(1002));
    }

    @Test
    void controlFramesMayComeBetweenFragments() throws ProtocolViolation {
        sequence.check(OpCode.TEXT, false);
        sequence.check(OpCode.PING, true);
        sequence.check(OpCode.CONTINUATION, false);
        sequence.check(OpCode.PONG, true);
        sequence.check(OpCode.CLOSE, true);
        sequence.check(OpCode.CONTINUATION, true);
        sequence.check(OpCode.BINARY, true);
    }

    private int closeCode(int opCode, boolean fin) {
        return assertThrows(ProtocolViolation.class, () -> sequence.check(opCode, fin)).closeStatus().code();
    }
}
