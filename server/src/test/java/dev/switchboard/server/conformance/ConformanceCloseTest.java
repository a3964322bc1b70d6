package dev.switchboard.server.conformance;

import java.io.EOFException;
import java.net.SocketException;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.conformance.Conformance.EOF_WITHIN;
import static dev.switchboard.server.conformance.Conformance.assertClosedWith;
import static dev.switchboard.server.conformance.Conformance.assertClosedAfterSending;
import static dev.switchboard.server.conformance.Conformance.bytes;
import static dev.switchboard.server.conformance.Conformance.echo;
import static dev.switchboard.server.testing.FrameClient.CLOSE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The closing handshake a client starts (RFC 6455 sections 5.5.1, 7.1 and 7.4): the server answers with a close frame
 * and then closes TCP itself; close frames that break the rules fail the connection with 1002.
 */
class ConformanceCloseTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void aNormalCloseIsAnsweredWith1000AndThenTheServerClosesTcp() throws Exception {
        assertClosedAfterSending(server, 1000, OutboundFrame.close(1000, "bye"));
    }

    @Test
    void anEmptyCloseIsAnsweredWithAnEmptyCloseOr1000AndThenTheServerClosesTcp() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(CLOSE, new byte[0]));
            InboundFrame answer = client.readFrame();
            assertThat(answer.toString(), answer.opcode(), is(CLOSE));
            // RFC 6455 section 5.5.1: the answer "typically echos the status code it received", here none.
            assertThat(answer.toString(), answer.payload().length == 0 || answer.closeCode() == 1000, is(true));
            client.expectEof(EOF_WITHIN);
        }
    }

    @Test
    void aCloseAfterEchoedMessagesComesAfterTheirEchoes() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.text("one"), OutboundFrame.text("two"), OutboundFrame.close(1000, ""));
            assertThat(client.readText(), is("one"));
            assertThat(client.readText(), is("two"));
            assertClosedWith(client, 1000);
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsCloseFrameStillGetsTheServersClose() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.close(1000, ""));
            client.shutdownOutput();
            assertClosedWith(client, 1000);
        }
    }

    @Test
    void aClientThatHalfClosesWithoutACloseFrameHasItsConnectionClosed() throws Exception {
        try (FrameClient client = echo(server)) {
            client.shutdownOutput();
            // The server cannot finish a closing handshake; it may still send a close frame, then it must close TCP.
            try {
                InboundFrame frame = client.readFrame();
                assertThat(frame.toString(), frame.opcode(), is(CLOSE));
                client.expectEof(EOF_WITHIN);
            } catch (EOFException | SocketException closed) {
                // Closed without a close frame: fine.
            }
        }
    }

    @Test
    void aOneByteClosePayloadFailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.frame(CLOSE, bytes(0x03)));
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void aCloseCodeThatMayNotBeSentFailsTheConnectionWith1002(int code) throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.close(code, ""));
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void aValidCloseCodeIsEchoedWithTheSameCode(int code) throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.close(code, "reason"));
            assertClosedWith(client, code);
        }
    }

    @Test
    void aCloseReasonOf123BytesIsAccepted() throws Exception {
        assertClosedAfterSending(server, 1000, OutboundFrame.close(1000, "r".repeat(123)));
    }

    @Test
    void aCloseReasonThatIsNotUtf8FailsTheConnectionWith1002() throws Exception {
        assertClosedAfterSending(server, 1002, OutboundFrame.close(1000, bytes('o', 'k', 0xC0, 0xAF)));
    }

    @Test
    void dataFramesAfterTheClientsCloseAreNotEchoed() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.close(1000, ""), OutboundFrame.text("too late"),
                        OutboundFrame.frame(FrameClient.PING, "late ping"));
            // Nothing but the close answer, then EOF: no echo, no pong.
            assertClosedWith(client, 1000);
        }
    }
}
