package dev.switchboard.server.frame;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.frame.ClientFrames.frame;
import static dev.switchboard.server.frame.ClientFrames.payload;
import static dev.switchboard.server.testing.OutboundFrame.concat;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What {@link FrameReader} makes of well-formed client frames: fin, opcode and the unmasked payload, for every length
 * encoding.
 */
class FrameReaderDecodingTest {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    @Test
    void rfcMaskedHelloExampleIsUnmasked() throws ProtocolViolation {
        // RFC 6455 section 5.7: a single-frame masked text message containing "Hello".
        byte[] wire = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        Frame frame = reader(wire, 100).read();
        assertThat(frame.fin(), is(true));
        assertThat(frame.opCode(), is(OpCode.TEXT));
        assertThat(new String(frame.payload(), US_ASCII), is("Hello"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void payloadOfEveryLengthEncodingIsRead(int length) throws ProtocolViolation {
        InMemorySource source = new InMemorySource(frame(true, OpCode.BINARY, payload(length)));
        Frame frame = new FrameReader(source, 100_000).read();
        assertThat(frame.payload(), is(payload(length)));
        assertThat(source.remaining(), is(0));
    }

    @Test
    void lengthEncodedLongerThanNeededIsAccepted() throws ProtocolViolation {
        FrameReader reader = reader(concat(ClientFrames.frame(0x80 | OpCode.BINARY, 2, payload(5)),
                                           ClientFrames.frame(0x80 | OpCode.BINARY, 8, payload(5))), 100);
        assertThat(reader.read().payload(), is(payload(5)));
        assertThat(reader.read().payload(), is(payload(5)));
    }

    @Test
    void fragmentedMessageArrivesFrameByFrameWithControlFramesBetween() throws ProtocolViolation {
        FrameReader reader = reader(concat(frame(false, OpCode.TEXT, "Hel".getBytes(UTF_8)),
                                           frame(true, OpCode.PING, "p".getBytes(UTF_8)),
                                           frame(false, OpCode.CONTINUATION, "l".getBytes(UTF_8)),
                                           frame(true, OpCode.CONTINUATION, "o".getBytes(UTF_8)),
                                           frame(true, OpCode.CLOSE, new byte[0])), 100);
        assertFrame(reader.read(), false, OpCode.TEXT, "Hel");
        assertFrame(reader.read(), true, OpCode.PING, "p");
        assertFrame(reader.read(), false, OpCode.CONTINUATION, "l");
        assertFrame(reader.read(), true, OpCode.CONTINUATION, "o");
        assertFrame(reader.read(), true, OpCode.CLOSE, "");
    }

    @Test
    void sixteenMebibyteFrameIsReadWhole() throws ProtocolViolation {
        byte[] payload = payload(SIXTEEN_MIB);
        FrameReader reader = reader(frame(true, OpCode.BINARY, payload), SIXTEEN_MIB);
        // Word-at-a-time unmasking makes this take milliseconds; a quadratic unmask would take many seconds.
        Frame frame = reader.read();
        assertThat(Arrays.mismatch(frame.payload(), payload), is(-1));
    }

    @Test
    void sixteenMebibyteMessageInFragmentsIsRead() throws ProtocolViolation {
        int fragment = SIXTEEN_MIB / 4;
        FrameReader reader = reader(concat(frame(false, OpCode.BINARY, payload(fragment)),
                                           frame(false, OpCode.CONTINUATION, payload(fragment)),
                                           frame(false, OpCode.CONTINUATION, payload(fragment)),
                                           frame(true, OpCode.CONTINUATION, payload(fragment))), SIXTEEN_MIB);
        byte[] payload = payload(fragment);
        for (int i = 0; i < 4; i++) {
            assertThat(Arrays.mismatch(reader.read().payload(), payload), is(-1));
        }
    }

    private static void assertFrame(Frame frame, boolean fin, int opCode, String payload) {
        assertThat(frame.fin(), is(fin));
        assertThat(frame.opCode(), is(opCode));
        assertThat(new String(frame.payload(), UTF_8), is(payload));
    }

    private static FrameReader reader(byte[] wire, int maxMessageBytes) {
        return new FrameReader(new InMemorySource(wire), maxMessageBytes);
    }
}
