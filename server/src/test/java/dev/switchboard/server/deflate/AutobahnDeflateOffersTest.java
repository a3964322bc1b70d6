package dev.switchboard.server.deflate;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.zip.Deflater;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The offers of the Autobahn test suite's cases 13.1 to 13.7, answered as those cases expect, then the message sizes
 * of its cases 12.* (16 B to 128 KiB) sent compressed with the client's context taken over where the answer allows,
 * each echoed by {@code echo} with a 16 MiB limit: the suite itself needs PyPI or Docker Hub, neither reachable here.
 */
class AutobahnDeflateOffersTest {

    private static final int[] SIZES = {16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072};

    // Every size compressed that deflate makes smaller: 16 bytes of text may not be.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns()
            .yaml("  max-message-size: 16MiB\n  compression:\n    threshold: 1B\n");

    @ParameterizedTest(name = "13.{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "1|permessage-deflate; client_no_context_takeover; client_max_window_bits"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover",
            "2|permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover",
            "3|permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=8"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                    + "server_max_window_bits=8",
            "4|permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=15"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                    + "server_max_window_bits=15",
            "5|permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; "
                    + "server_max_window_bits=8"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                    + "server_max_window_bits=8",
            "6|permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; "
                    + "server_max_window_bits=15"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                    + "server_max_window_bits=15",
            "7|permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; "
                    + "server_max_window_bits=8, permessage-deflate; client_no_context_takeover; "
                    + "client_max_window_bits; server_no_context_takeover, permessage-deflate; "
                    + "client_no_context_takeover; client_max_window_bits"
                    + "|permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                    + "server_max_window_bits=8",
            // Without client_no_context_takeover (the 12.* cases' default offer): the client takes over context.
            "0|permessage-deflate|permessage-deflate; server_no_context_takeover",
    })
    void theOfferIsAnsweredAndEverySizeRoundTrips(int autobahnCase, String offer, String answer) throws Exception {
        int serverWindow = answer.contains("server_max_window_bits=8") ? 256 : Integer.MAX_VALUE;
        boolean clientResets = answer.contains("client_no_context_takeover");
        Random random = new Random(autobahnCase);
        try (FrameClient client = DeflateClients.connect(server.port(), "/", "echo", offer)) {
            assertThat(client.header("Sec-WebSocket-Extensions"), is(Optional.of(answer)));
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            for (int size : SIZES) {
                for (int i = 0; i < 3; i++) {
                    String text = words(random, size);
                    if (clientResets) {
                        deflater.reset();
                    }
                    client.send(OutboundFrame.frame(FrameClient.TEXT,
                                                    DeflateClients.compress(deflater,
                                                                            text.getBytes(StandardCharsets.UTF_8)))
                                        .rsv(FrameClient.RSV1));
                    InboundFrame echo = client.readMessage();
                    boolean compressed = echo.rsv() == FrameClient.RSV1;
                    if (size > serverWindow || size >= 64) {
                        assertThat("echo of " + size + " bytes compressed", compressed, is(size <= serverWindow));
                    }
                    byte[] payload = compressed ? DeflateClients.inflate(echo.payload()) : echo.payload();
                    assertThat("echo of " + size + " bytes", new String(payload, StandardCharsets.UTF_8), is(text));
                }
            }
            deflater.end();
        }
    }

    // Text of the size, from a small vocabulary so that it compresses as prose does.
    private static String words(Random random, int size) {
        String[] vocabulary = {"switch", "board", "frame", "deflate", "window", "context", "message", "echo", "the",
                               "a", "of", "server", "client", "takeover", "bits", "autobahn"};
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        return text.substring(0, size);
    }
}
