package dev.switchboard.server.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.conformance.Conformance.READ_TIMEOUT;
import static dev.switchboard.server.conformance.Conformance.assertClosedWith;
import static dev.switchboard.server.testing.FrameClient.BINARY;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.PING;
import static dev.switchboard.server.testing.FrameClient.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What the server queued before a client broke a rule is written before its 1002 close frame, as node's {@code ws}
 * does (Autobahn's non-strict cases 3.2-3.4, 4.1.3-4.1.5, 4.2.3-4.2.5 and 5.15, where the echo of a message sent just
 * before the broken frame was dropped). A client that does not read still has its queue dropped
 * ({@code LifecycleSlowReaderTest}); the send queue here is large, so that a backlog bigger than the kernel's socket
 * buffers (up to 4 MiB on Linux) is a queue and not a slow consumer.
 */
class ConformanceDataBeforeCloseTest {

    private static final int SMALL_RECEIVE_BUFFER = 4096;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("  send-queue-limit: 32MiB\n");

    @Test
    void echoesQueuedWhenARuleIsBrokenAreAllWrittenBeforeThe1002() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo", SMALL_RECEIVE_BUFFER)) {
            client.timeout(READ_TIMEOUT);
            // 8 MiB of messages, a frame with a reserved bit and a ping, in one write the client makes before it reads:
            // most of the echoes still wait in the server's queue when it reads the broken frame.
            byte[] payload = new byte[8192];
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (int i = 0; i < 1024; i++) {
                Arrays.fill(payload, (byte) i);
                frames.writeBytes(OutboundFrame.frame(BINARY, payload).bytes());
            }
            frames.writeBytes(OutboundFrame.frame(TEXT, "x").rsv(FrameClient.RSV2).bytes());
            frames.writeBytes(OutboundFrame.frame(PING, "").bytes());
            client.write(frames.toByteArray());

            for (int i = 0; i < 1024; i++) {
                InboundFrame echo = client.readMessage();
                assertThat("echo " + i, echo.payload()[0], is((byte) i));
                assertThat(echo.payload().length, is(payload.length));
            }
            assertClosedWith(client, 1002);
        }
    }

    @Test
    void aFragmentedMessageCompletedBeforeABrokenSequenceIsEchoedBeforeThe1002() throws Exception {
        // Autobahn 5.15: the third fragment continues a message that already ended.
        try (FrameClient client = Conformance.echo(server)) {
            client.send(OutboundFrame.text("fragment1").fin(false), OutboundFrame.frame(CONTINUATION, "fragment2"),
                        OutboundFrame.frame(CONTINUATION, "fragment3").fin(false), OutboundFrame.text("fragment4"));
            assertThat(client.readText(), is("fragment1fragment2"));
            assertClosedWith(client, 1002);
        }
    }
}
