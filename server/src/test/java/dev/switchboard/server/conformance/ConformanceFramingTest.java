package dev.switchboard.server.conformance;

import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.conformance.Conformance.assertClosedWith;
import static dev.switchboard.server.conformance.Conformance.assertClosedAfterSending;
import static dev.switchboard.server.conformance.Conformance.bytes;
import static dev.switchboard.server.conformance.Conformance.echo;
import static dev.switchboard.server.testing.FrameClient.BINARY;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.PING;
import static dev.switchboard.server.testing.FrameClient.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The frame-level rules of RFC 6455 section 5: what a client must mask, which bits and opcodes exist, how control
 * frames and fragments may appear. Each broken rule fails the connection with 1002 (protocol error) and the server
 * then closes TCP. The first tests show that well-formed frames in every legal form get through.
 */
class ConformanceFramingTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    // ---- Legal forms -----------------------------------------------------------------------------------------------

    @Test
    void aFrameWrittenOneByteAtATimeIsEchoed() throws Exception {
        try (FrameClient client = echo(server)) {
            client.writeInPieces(OutboundFrame.text("one byte at a time").bytes(), 1, Duration.ofMillis(5));
            assertThat(client.readText(), is("one byte at a time"));
        }
    }

    @Test
    void aFrameMaskedWithAnAllZeroKeyIsEchoed() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.text("zero key").maskingKey(0, 0, 0, 0));
            assertThat(client.readText(), is("zero key"));
        }
    }

    @Test
    void payloadsNeedingTheSixteenAndSixtyFourBitLengthFormsAreEchoed() throws Exception {
        try (FrameClient client = echo(server)) {
            String medium = "m".repeat(126);
            String large = "L".repeat(65_536);
            client.send(OutboundFrame.text(medium));
            assertThat(client.readText(), is(medium));
            client.send(OutboundFrame.text(large));
            assertThat(client.readText(), is(large));
        }
    }

    @Test
    void aFragmentedBinaryMessageWithEmptyFragmentsIsEchoedAsOneMessage() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(BINARY, bytes(1, 2)).fin(false),
                        OutboundFrame.frame(CONTINUATION, "").fin(false),
                        OutboundFrame.frame(CONTINUATION, bytes(3)));
            InboundFrame message = client.readMessage();
            assertThat(message.opcode(), is(BINARY));
            assertThat(message.payload(), is(bytes(1, 2, 3)));
        }
    }

    // ---- Broken rules ----------------------------------------------------------------------------------------------

    @Test
    void anUnmaskedClientFrameFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.text("not masked").unmasked());
    }

    @ParameterizedTest(name = "rsv bits {0}")
    @ValueSource(ints = {FrameClient.RSV1, FrameClient.RSV2, FrameClient.RSV3})
    void aReservedBitWithoutANegotiatedExtensionFailsTheConnectionWith1002(int rsv) throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.text("reserved").rsv(rsv));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void anUnknownOpcodeFailsTheConnectionWith1002(int opcode) throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.frame(opcode, "x"));
    }

    @Test
    void aControlFrameWithA126BytePayloadFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.frame(PING, new byte[126]));
    }

    @Test
    void aFragmentedPingFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.frame(PING, "p").fin(false));
    }

    @Test
    void aContinuationFrameWithoutAStartedMessageFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.frame(CONTINUATION, "x"));
    }

    @Test
    void aContinuationFrameAfterAFinishedMessageFailsTheConnectionWith1002() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.text("done"));
            assertThat(client.readText(), is("done"));
            client.send(OutboundFrame.frame(CONTINUATION, "x"));
            assertClosedWith(client, 1002);
        }
    }

    @Test
    void aNewTextFrameInsideAFragmentedMessageFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.text("first").fin(false), OutboundFrame.text("second"));
    }

    @Test
    void aNewBinaryFrameInsideAFragmentedTextMessageFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002,
                                 OutboundFrame.text("first").fin(false), OutboundFrame.frame(BINARY, bytes(2)));
    }

    @Test
    void aBrokenRuleAfterAnEchoedMessageStillFailsWith1002AndNothingOfTheBrokenFrameIsEchoed() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.text("fine"));
            assertThat(client.readText(), is("fine"));
            client.send(OutboundFrame.frame(TEXT, "x").rsv(FrameClient.RSV1));
            assertClosedWith(client, 1002);
        }
    }
}
