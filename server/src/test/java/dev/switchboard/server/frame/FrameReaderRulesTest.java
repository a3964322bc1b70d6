package dev.switchboard.server.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.frame.ClientFrames.frame;
import static dev.switchboard.server.frame.ClientFrames.payload;
import static dev.switchboard.server.testing.OutboundFrame.concat;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The framing rules {@link FrameReader} enforces on each header, each broken rule with its close code.
 */
class FrameReaderRulesTest {

    private static final int MAX_MESSAGE_BYTES = 1000;

    @Test
    void unmaskedFrameIsAProtocolError() {
        byte[] unmasked = {(byte) 0x81, 0x02, 'h', 'i'};
        assertViolation(unmasked, 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    void reservedBitWithoutExtensionIsAProtocolError(int reservedBits) {
        assertViolation(frame(0x80 | reservedBits | OpCode.TEXT, payload(3)), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodeIsAProtocolError(int opCode) {
        assertViolation(frame(true, opCode, payload(3)), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {OpCode.CLOSE, OpCode.PING, OpCode.PONG})
    void controlFrameWithoutFinIsAProtocolError(int opCode) {
        assertViolation(frame(false, opCode, payload(2)), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {OpCode.CLOSE, OpCode.PING, OpCode.PONG})
    void controlFramePayloadOver125BytesIsAProtocolError(int opCode) {
        assertViolation(frame(true, opCode, payload(126)), 1002);
    }

    @Test
    void controlFramePayloadOf125BytesIsAccepted() throws ProtocolViolation {
        Frame ping = reader(frame(true, OpCode.PING, payload(125))).read();
        assertThat(ping.payload(), is(payload(125)));
    }

    @Test
    void lengthWithMostSignificantBitSetIsAProtocolError() {
        assertViolation(ClientFrames.header64(0x80 | OpCode.BINARY, 0x8000_0000_0000_0001L), 1002);
    }

    @Test
    void continuationWithoutMessageIsAProtocolError() {
        assertViolation(frame(true, OpCode.CONTINUATION, payload(3)), 1002);
    }

    @Test
    void newMessageInsideFragmentedMessageIsAProtocolError() throws ProtocolViolation {
        FrameReader reader = reader(concat(frame(false, OpCode.TEXT, payload(3)), frame(true, OpCode.BINARY, payload(3))));
        reader.read();
        assertThat(closeCode(reader), is(1002));
    }

    @Test
    void frameOverTheLimitIsRefusedWithMessageTooBigBeforeItsPayloadIsRead() {
        // Only the header is there: reading the payload would end the stream instead.
        InMemorySource source = new InMemorySource(ClientFrames.header64(0x80 | OpCode.BINARY, MAX_MESSAGE_BYTES + 1));
        FrameReader reader = new FrameReader(source, MAX_MESSAGE_BYTES);
        assertThat(closeCode(reader), is(1009));
        assertThat(source.remaining(), is(0));
    }

    @Test
    void hugeAnnouncedLengthIsRefusedWithoutAllocatingIt() {
        assertViolation(ClientFrames.header64(0x80 | OpCode.TEXT, 1L << 62), 1009);
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() throws ProtocolViolation {
        Frame frame = reader(frame(true, OpCode.BINARY, payload(MAX_MESSAGE_BYTES))).read();
        assertThat(frame.payload().length, is(MAX_MESSAGE_BYTES));
    }

    @Test
    void continuationsCountTowardsTheLimitOfTheirMessage() throws ProtocolViolation {
        FrameReader reader = reader(concat(frame(false, OpCode.BINARY, payload(600)),
                                           frame(false, OpCode.CONTINUATION, payload(400)),
                                           frame(true, OpCode.CONTINUATION, payload(1))));
        reader.read();
        reader.read();
        assertThat(closeCode(reader), is(1009));
    }

    @Test
    void controlFramesBetweenFragmentsDoNotCountTowardsTheLimit() throws ProtocolViolation {
        FrameReader reader = reader(concat(frame(false, OpCode.BINARY, payload(900)),
                                           frame(true, OpCode.PING, payload(125)),
                                           frame(true, OpCode.CONTINUATION, payload(100))));
        reader.read();
        reader.read();
        assertThat(reader.read().payload().length, is(100));
    }

    @Test
    void eachMessageStartsCountingFromZero() throws ProtocolViolation {
        FrameReader reader = reader(concat(frame(false, OpCode.BINARY, payload(500)),
                                           frame(true, OpCode.CONTINUATION, payload(500)),
                                           frame(false, OpCode.BINARY, payload(500)),
                                           frame(true, OpCode.CONTINUATION, payload(500))));
        for (int i = 0; i < 4; i++) {
            assertThat(reader.read().payload().length, is(500));
        }
    }

    @Test
    void invalidUtf8InATextFrameFailsAtTheFirstPieceThatArrives() {
        byte[] payload = new byte[1000];
        byte[] start = {(byte) 0xce, (byte) 0xba, (byte) 0xe1, (byte) 0xbd, (byte) 0xff, 0x61};
        System.arraycopy(start, 0, payload, 0, start.length);
        byte[] wire = frame(true, OpCode.TEXT, payload);
        // Only the header (8 bytes) and the first 6 payload bytes have arrived; asking for more would block forever.
        int arrived = 8 + start.length;
        ByteSource source = new ByteSource() {
            private int position;

            @Override
            public void readFully(byte[] destination, int offset, int length) {
                if (position + length > arrived) {
                    throw new AssertionError("read past the bytes that arrived");
                }
                System.arraycopy(wire, position, destination, offset, length);
                position += length;
            }

            @Override
            public int readAvailable(byte[] destination, int offset, int maxLength) {
                int count = Math.min(maxLength, arrived - position);
                readFully(destination, offset, count);
                return count;
            }
        };
        ProtocolViolation violation = assertThrows(ProtocolViolation.class,
                                                   () -> new FrameReader(source, 10_000).read());
        assertThat(violation.closeStatus().code(), is(1007));
    }

    @Test
    void violationReasonFitsACloseFrame() {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class,
                                                   () -> reader(frame(true, 5, payload(0))).read());
        assertThat(violation.closeStatus().reason().length(), lessThanOrEqualTo(123));
        assertThat(violation.getStackTrace().length, is(0));
    }

    @Test
    void limitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(new InMemorySource(new byte[0]), 0));
    }

    private static void assertViolation(byte[] wire, int closeCode) {
        assertThat(closeCode(reader(wire)), is(closeCode));
    }

    private static int closeCode(FrameReader reader) {
        return assertThrows(ProtocolViolation.class, reader::read).closeStatus().code();
    }

    private static FrameReader reader(byte[] wire) {
        return new FrameReader(new InMemorySource(wire), MAX_MESSAGE_BYTES);
    }
}
