package dev.switchboard.server.frame;

import java.nio.ByteBuffer;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.deflate.OutboundMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.frame.ClientFrames.payload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Server frames from {@link FrameEncoder}, masked as a client would send them, read back by {@link FrameReader} with
 * the same fin, opcode and payload.
 */
class FrameEncoderRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Hello", "κόσμε", "€ 😀 ☺", "a\u0000b"})
    void textRoundTrips(String text) throws ProtocolViolation {
        Frame frame = roundTrip(OutboundMessage.text(text).plainFrame());
        assertThat(frame.fin(), is(true));
        assertThat(frame.opCode(), is(OpCode.TEXT));
        assertThat(new String(frame.payload(), UTF_8), is(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE00x", "x\uD83D", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "a\uD83Db"})
    void unpairedSurrogateBecomesAQuestionMark(String text) throws ProtocolViolation {
        byte[] payload = roundTrip(OutboundMessage.text(text).plainFrame()).payload();
        assertThat(payload, is(text.getBytes(UTF_8)));
        assertThat(Utf8Validator.isValid(payload, 0, payload.length), is(true));
        assertThat(new String(payload, UTF_8), is(text.replaceAll("\\p{Cs}", "?")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 100_000})
    void binaryOfEveryLengthEncodingRoundTrips(int length) throws ProtocolViolation {
        Frame frame = roundTrip(FrameEncoder.data(OpCode.BINARY, payload(length)));
        assertThat(frame.fin(), is(true));
        assertThat(frame.opCode(), is(OpCode.BINARY));
        assertThat(frame.payload(), is(payload(length)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 100_000})
    void payloadLengthIsReadBackFromTheHeader(int length) {
        assertThat(FrameEncoder.payloadLength(FrameEncoder.data(OpCode.BINARY, payload(length))), is(length));
    }

    @Test
    void headerUsesTheShortestLengthEncoding() {
        assertThat(FrameEncoder.data(OpCode.BINARY, payload(125)).length, is(2 + 125));
        assertThat(FrameEncoder.data(OpCode.BINARY, payload(126)).length, is(4 + 126));
        assertThat(FrameEncoder.data(OpCode.BINARY, payload(65535)).length, is(4 + 65535));
        assertThat(FrameEncoder.data(OpCode.BINARY, payload(65536)).length, is(10 + 65536));
    }

    @Test
    void serverFramesAreFinalAndUnmasked() {
        byte[] frame = OutboundMessage.text("Hello").plainFrame();
        // RFC 6455 section 5.7: a single-frame unmasked text message containing "Hello".
        assertThat(frame, is(new byte[] {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
    }

    @Test
    void binaryFromBufferTakesItsRemainingBytesAndLeavesItsPosition() throws ProtocolViolation {
        ByteBuffer buffer = ByteBuffer.wrap(payload(300), 10, 200).slice(5, 150);
        buffer.position(7);
        Frame frame = roundTrip(OutboundMessage.binary(buffer).plainFrame());
        byte[] expected = new byte[143];
        buffer.get(7, expected);
        assertThat(frame.payload(), is(expected));
        assertThat(buffer.position(), is(7));
    }

    @Test
    void pingAndPongRoundTrip() throws ProtocolViolation {
        Frame ping = roundTrip(FrameEncoder.ping(payload(125)));
        Frame pong = roundTrip(FrameEncoder.pong(payload(3)));
        assertThat(ping.opCode(), is(OpCode.PING));
        assertThat(ping.payload(), is(payload(125)));
        assertThat(pong.opCode(), is(OpCode.PONG));
        assertThat(pong.payload(), is(payload(3)));
    }

    @Test
    void controlPayloadOver125BytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FrameEncoder.ping(payload(126)));
        assertThrows(IllegalArgumentException.class, () -> FrameEncoder.pong(payload(126)));
    }

    @Test
    void closeRoundTripsItsStatus() throws ProtocolViolation {
        Frame frame = roundTrip(FrameEncoder.close(CloseStatus.of(1001, "going away")));
        assertThat(frame.opCode(), is(OpCode.CLOSE));
        assertThat(CloseFrames.parse(frame.payload()), is(CloseStatus.of(1001, "going away")));
    }

    @Test
    void echoedEmptyCloseIsAnEmptyClose() throws ProtocolViolation {
        CloseStatus received = CloseFrames.parse(new byte[0]);
        assertThat(FrameEncoder.close(received), is(new byte[] {(byte) 0x88, 0x00}));
    }

    @Test
    void violationCloseStatusCanBeSent() throws ProtocolViolation {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class,
                                                   () -> new Utf8Validator().validate(new byte[] {(byte) 0xFF}, 0, 1));
        Frame frame = roundTrip(FrameEncoder.close(violation.closeStatus()));
        assertThat(CloseFrames.parse(frame.payload()).code(), is(1007));
    }

    @Test
    void sixteenMebibyteTextRoundTrips() throws ProtocolViolation {
        String text = "ab€😀".repeat(4 * 1024 * 1024 / 3 * 2);
        byte[] encoded = OutboundMessage.text(text).plainFrame();
        Frame frame = new FrameReader(new InMemorySource(ClientFrames.masked(encoded)), 32 * 1024 * 1024).read();
        assertThat(new String(frame.payload(), UTF_8).equals(text), is(true));
    }

    private static Frame roundTrip(byte[] serverFrame) throws ProtocolViolation {
        InMemorySource source = new InMemorySource(ClientFrames.masked(serverFrame));
        Frame frame = new FrameReader(source, 1 << 20).read();
        assertThat(source.remaining(), is(0));
        return frame;
    }
}
