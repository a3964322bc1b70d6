package dev.switchboard.server.config;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A protocol's own {@code max-message-size} and {@code send-queue-limit} hold for its connections and no others':
 * here {@code echo} has a small message size and {@code reverse}, which answers with as many bytes, a small send
 * queue; each has the server's setting for the other. The server's send queue is large, so that the backlog of a
 * client that reads nothing overflows the small queue whatever the kernel's socket buffers absorb (up to 4 MiB on
 * Linux), and never the large one.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProtocolConnectionSizesTest {

    private static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final int MESSAGES = 12 * 1024;
    private static final int MESSAGE_BYTES = 1000;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("""
                  close-timeout: 1s
                  send-queue-limit: 32MiB
                  protocols:
                    echo:
                      max-message-size: 1KiB
                    reverse:
                      send-queue-limit: 256KiB
                """);

    @Test
    void aMessageOverTheProtocolsOwnSizeLimitCloses1009() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "echo")) {
            client.send("x".repeat(2048));
            assertThat(client.awaitClose().code(), is(1009));
        }
    }

    @Test
    void theSameMessageIsFineOnAProtocolWithTheServersLimit() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            client.send("x".repeat(2047) + "y");
            assertThat(client.nextText(), is("y" + "x".repeat(2047)));
        }
    }

    @Test
    void aClientThatDoesNotReadPassesTheProtocolsOwnQueueLimitAndIsClosed1008() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "reverse", SMALL_RECEIVE_BUFFER).dropOnClose()) {
            sendWithoutReading(client);

            FrameClient.Ending ending = client.drain(Duration.ofSeconds(20));

            assertThat(ending.toString(), ending.code(), is(1008));
            assertThat(ending.detail(), containsString("does not read fast enough"));
            assertThat(ending.kind(), anyOf(is(FrameClient.Ending.Kind.EOF), is(FrameClient.Ending.Kind.RESET)));
        }
    }

    @Test
    void theSameBacklogIsFineOnAProtocolWithTheServersQueueLimit() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo", SMALL_RECEIVE_BUFFER)) {
            sendWithoutReading(client);

            for (int i = 0; i < MESSAGES; i++) {
                InboundFrame message = client.readMessage();
                assertThat(message.opcode(), is(FrameClient.BINARY));
                assertThat(message.payload().length, is(MESSAGE_BYTES));
            }
        }
    }

    // About 12 MiB in small binary messages, each answered with as many bytes, while the client reads nothing.
    private static void sendWithoutReading(FrameClient client) throws IOException {
        byte[] payload = new byte[MESSAGE_BYTES];
        Arrays.fill(payload, (byte) 7);
        for (int i = 0; i < MESSAGES; i++) {
            client.send(OutboundFrame.frame(FrameClient.BINARY, payload));
        }
    }
}
