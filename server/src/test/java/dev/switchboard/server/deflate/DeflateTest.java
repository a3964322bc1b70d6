package dev.switchboard.server.deflate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * permessage-deflate against a real server: negotiation, RSV1 rules, compressed round trips and the inflated size
 * limit.
 */
class DeflateTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("  max-message-size: 1MiB\n"
                                          + "  compression:\n    threshold: 16B\n"
                                          + "  protocols:\n    reverse:\n      compression:\n        enabled: false\n");

    @Test
    void theFirstAcceptableOfferWinsAndServerNoContextTakeoverIsAdded() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate; server_max_window_bits=7, "
                + "permessage-deflate; client_no_context_takeover; client_max_window_bits=\"12\"")) {
            assertThat(client.header("Sec-WebSocket-Extensions"), is(Optional.of(
                    "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                            + "client_max_window_bits=12")));
        }
    }

    @Test
    void malformedOffersAreDeclinedAndTheHandshakeSucceedsPlain() throws Exception {
        for (String offer : List.of("permessage-deflate; foo", "permessage-deflate; client_no_context_takeover; "
                + "client_no_context_takeover", "permessage-deflate; client_max_window_bits=16",
                                    "permessage-deflate; server_max_window_bits")) {
            try (FrameClient client = connect("echo", offer)) {
                assertThat(offer, client.header("Sec-WebSocket-Extensions"), is(Optional.empty()));
                assertEchoedPlain(client, "plain enough to pass the threshold");
            }
        }
    }

    @Test
    void compressedTextRoundTripsWithContextTakeover() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            for (int i = 0; i < 3; i++) {
                String text = "hello compressed world, message " + i + " ".repeat(100);
                client.send(OutboundFrame.frame(FrameClient.TEXT, compress(deflater, text.getBytes(StandardCharsets.UTF_8)))
                                    .rsv(FrameClient.RSV1));
                InboundFrame echo = client.readFrame();
                assertThat(echo.rsv(), is(FrameClient.RSV1));
                assertThat(new String(inflate(echo.payload()), StandardCharsets.UTF_8), is(text));
            }
        }
    }

    @Test
    void fragmentedCompressedBinaryIsInflatedWhole() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate; client_no_context_takeover")) {
            byte[] data = new byte[5000];
            Arrays.fill(data, (byte) 7);
            byte[] compressed = compress(new Deflater(Deflater.DEFAULT_COMPRESSION, true), data);
            int half = compressed.length / 2;
            client.send(OutboundFrame.frame(FrameClient.BINARY, Arrays.copyOf(compressed, half))
                                .rsv(FrameClient.RSV1).fin(false),
                        OutboundFrame.frame(FrameClient.CONTINUATION,
                                            Arrays.copyOfRange(compressed, half, compressed.length)));
            assertThat(inflate(client.readFrame().payload()), is(data));
        }
    }

    @Test
    void smallMessagesGoPlain() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            assertEchoedPlain(client, "tiny");
        }
    }

    @Test
    void rsv1OnAContinuationIsAProtocolError() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            client.send(OutboundFrame.text("a").fin(false),
                        OutboundFrame.frame(FrameClient.CONTINUATION, "b").rsv(FrameClient.RSV1));
            client.expectCloseThenEof(1002, java.time.Duration.ofSeconds(3));
        }
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            client.send(OutboundFrame.frame(FrameClient.PING, "p").rsv(FrameClient.RSV1));
            client.expectCloseThenEof(1002, java.time.Duration.ofSeconds(3));
        }
    }

    @Test
    void rsv1WithoutNegotiationIsAProtocolError() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo")) {
            client.send(OutboundFrame.text("x").rsv(FrameClient.RSV1));
            client.expectCloseThenEof(1002, java.time.Duration.ofSeconds(3));
        }
    }

    @Test
    void aCorruptStreamCloses1007() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            client.send(OutboundFrame.frame(FrameClient.BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2})
                                .rsv(FrameClient.RSV1));
            client.expectCloseThenEof(1007, java.time.Duration.ofSeconds(3));
        }
    }

    @Test
    void aZipBombPastTheLimitCloses1009() throws Exception {
        byte[] compressed = compress(new Deflater(Deflater.BEST_COMPRESSION, true), new byte[16 * 1024 * 1024]);
        assertThat("compressed bomb is small", compressed.length < 64 * 1024, is(true));
        // The server runs in this JVM: every thread's allocation, the reader's carrier included, is counted here.
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            long before = threads.getTotalThreadAllocatedBytes();
            client.send(OutboundFrame.frame(FrameClient.BINARY, compressed).rsv(FrameClient.RSV1));
            client.expectCloseThenEof(1009, java.time.Duration.ofSeconds(5));
            long allocated = threads.getTotalThreadAllocatedBytes() - before;
            // The 1 MiB limit plus one 64 KiB chunk, the buffer doubling on its way there, and the server's
            // ordinary traffic: far from the 16 MiB the message inflates to.
            assertThat("bytes allocated while the bomb was refused: " + allocated, allocated < 8L * 1024 * 1024,
                       is(true));
        }
    }

    @Test
    void aSmallServerWindowGetsOnlyTheMessagesThatFitItCompressed() throws Exception {
        try (FrameClient client = connect("echo", "permessage-deflate; server_max_window_bits=9")) {
            assertThat(client.header("Sec-WebSocket-Extensions"),
                       is(Optional.of("permessage-deflate; server_no_context_takeover; server_max_window_bits=9")));
            // Up to 2^9 bytes a message refers back only into itself, so never past the window: compressed.
            for (int size : new int[] {300, 512, 513, 4000}) {
                String text = "abcdefghij".repeat(size / 10 + 1).substring(0, size);
                client.sendText(text);
                InboundFrame echo = client.readFrame();
                assertThat("rsv of a " + size + "-byte echo", echo.rsv(), is(size <= 512 ? FrameClient.RSV1 : 0));
                byte[] payload = echo.rsv() == 0 ? echo.payload() : inflate(echo.payload());
                assertThat(new String(payload, StandardCharsets.UTF_8), is(text));
            }
        }
    }

    @Test
    void anIncompressibleMessageAtTheLimitIsAcceptedCompressedAndEchoedPlain() throws Exception {
        byte[] data = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(data);
        byte[] compressed = compress(new Deflater(Deflater.DEFAULT_COMPRESSION, true), data);
        assertThat("random bytes deflate to more than themselves", compressed.length > data.length, is(true));
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            client.send(OutboundFrame.frame(FrameClient.BINARY, compressed).rsv(FrameClient.RSV1));
            InboundFrame echo = client.readFrame();
            // Compressing would have made it larger: it goes plain.
            assertThat(echo.rsv(), is(0));
            assertThat(echo.payload(), is(data));
        }
    }

    @Test
    void emptyDeflateBlocksPastAnEighthOverTheLimitClose1009() throws Exception {
        // Empty stored blocks inflate to nothing, so only the compressed size can end such a message: 1.1 MB of them
        // is within an eighth over the 1 MiB limit, a continuation announcing 100 KB more is not.
        byte[] emptyBlocks = new byte[5 * 220_000];
        for (int i = 0; i < emptyBlocks.length; i += 5) {
            emptyBlocks[i + 3] = (byte) 0xFF;
            emptyBlocks[i + 4] = (byte) 0xFF;
        }
        try (FrameClient client = connect("echo", "permessage-deflate")) {
            client.send(OutboundFrame.frame(FrameClient.BINARY, emptyBlocks).rsv(FrameClient.RSV1).fin(false),
                        OutboundFrame.frame(FrameClient.PING, "still here"));
            InboundFrame pong = client.readFrame();
            assertThat(pong.opcode(), is(FrameClient.PONG));
            client.write(OutboundFrame.frame(FrameClient.CONTINUATION, new byte[0]).declaredLength(100_000).header());
            client.expectCloseThenEof(1009, java.time.Duration.ofSeconds(5));
        }
    }

    @Test
    void aProtocolWithCompressionOffDeclines() throws Exception {
        try (FrameClient client = connect("reverse", "permessage-deflate")) {
            assertThat(client.header("Sec-WebSocket-Extensions"), is(Optional.empty()));
        }
    }

    // Sends a text message and requires its echo as one frame without RSV1: not compressed.
    private static void assertEchoedPlain(FrameClient client, String text) throws IOException {
        client.sendText(text);
        InboundFrame frame = client.readFrame();
        assertThat(frame.rsv(), is(0));
        assertThat(frame.text(), is(text));
    }

    private static FrameClient connect(String protocol, String offer) throws IOException {
        return DeflateClients.connect(server.port(), "/", protocol, offer);
    }

    private static byte[] compress(Deflater deflater, byte[] data) {
        return DeflateClients.compress(deflater, data);
    }

    private static byte[] inflate(byte[] payload) throws Exception {
        return DeflateClients.inflate(payload);
    }
}
