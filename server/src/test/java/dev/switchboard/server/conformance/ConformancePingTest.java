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

import static dev.switchboard.server.conformance.Conformance.echo;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.PING;
import static dev.switchboard.server.testing.FrameClient.PONG;
import static dev.switchboard.server.testing.FrameClient.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Ping and pong (RFC 6455 sections 5.5.2 and 5.5.3): each ping is answered by a pong with the same payload, even in
 * the middle of a fragmented message, in the order the frames came; a pong nobody asked for gets no answer.
 */
class ConformancePingTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @ParameterizedTest(name = "payload \"{0}\"")
    @ValueSource(strings = {"hello", ""})
    void aPingIsAnsweredByAPongWithTheSamePayloadEvenAnEmptyOne(String payload) throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(PING, payload));
            assertPong(client.readFrame(), payload);
        }
    }

    @Test
    void aPingWithTheLargest125BytePayloadIsAnsweredByAPongWithTheSamePayload() throws Exception {
        byte[] payload = new byte[125];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + 0x80);
        }
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(PING, payload));
            InboundFrame pong = client.readFrame();
            assertThat(pong.toString(), pong.opcode(), is(PONG));
            assertThat(pong.payload(), is(payload));
        }
    }

    @Test
    void aPingWrittenOneByteAtATimeIsAnswered() throws Exception {
        try (FrameClient client = echo(server)) {
            client.writeInPieces(OutboundFrame.frame(PING, "slow").bytes(), 1, Duration.ofMillis(5));
            assertPong(client.readFrame(), "slow");
        }
    }

    @Test
    void aPingBetweenTwoFragmentsIsAnsweredBeforeTheMessageEndsAndTheMessageIsThenEchoedIntact() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.text("Hello, ").fin(false), OutboundFrame.frame(PING, "between"));
            // RFC 6455 section 5.5.2: the pong goes out "as soon as is practical", not after the message.
            assertPong(client.readFrame(), "between");
            client.send(OutboundFrame.frame(CONTINUATION, "world"));
            assertThat(client.readText(), is("Hello, world"));
        }
    }

    @Test
    void framesAreAnsweredInTheOrderTheyCame() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.text("A"), OutboundFrame.frame(PING, "P"), OutboundFrame.text("B"));
            assertThat(client.readText(), is("A"));
            assertPong(client.readFrame(), "P");
            assertThat(client.readText(), is("B"));
        }
    }

    @Test
    void anUnsolicitedPongGetsNoAnswerAndTheConnectionStaysOpen() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(PONG, "unasked"));
            client.expectSilence(Duration.ofMillis(500));
            client.send(OutboundFrame.text("still here"));
            assertThat(client.readText(), is("still here"));
        }
    }

    @Test
    void aPongBetweenTwoFragmentsIsIgnoredAndTheMessageIsEchoedIntact() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(TEXT, "frag").fin(false), OutboundFrame.frame(PONG, "x"),
                        OutboundFrame.frame(CONTINUATION, "ment"));
            assertThat(client.readText(), is("fragment"));
        }
    }

    private static void assertPong(InboundFrame frame, String payload) {
        assertThat(frame.toString(), frame.opcode(), is(PONG));
        assertThat(frame.toString(), frame.fin(), is(true));
        assertThat(frame.text(), is(payload));
    }
}
