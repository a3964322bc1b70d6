package dev.switchboard.server.deflate;

import java.io.IOException;
import java.time.Duration;
import java.util.zip.Deflater;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Inflated bytes count against {@code max-bytes-per-second}: a client whose small compressed messages inflate to far
 * more than the limit is held to it and closed with 1008, though its bytes on the wire stay well under it.
 */
class DeflatePacingTest {

    private static final int MESSAGE_BYTES = 512 * 1024;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("""
                  close-timeout: 1s
                  protocols:
                    echo:
                      max-bytes-per-second: 512KiB
                """);

    @Test
    void compressedMessagesAreCountedAsTheBytesTheyInflateTo() throws Exception {
        // Half a mebibyte of zeros in some 500 bytes: a thousand times less on the wire than the limit counts.
        byte[] compressed = DeflateClients.compress(new Deflater(Deflater.BEST_COMPRESSION, true),
                                                    new byte[MESSAGE_BYTES]);
        try (FrameClient client = DeflateClients.connect(server.port(), "/", "echo", "permessage-deflate")) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        client.send(OutboundFrame.frame(FrameClient.BINARY, compressed).rsv(FrameClient.RSV1));
                    }
                } catch (IOException e) {
                    // The server closed the connection: the writer is done.
                }
            });
            FrameClient.Ending ending = client.awaitEnd(Duration.ofSeconds(30));
            writer.join(Duration.ofSeconds(10));
            assertThat(ending.toString(), ending.code(), is(1008));
            assertThat(ending.toString(), containsString("max-bytes-per-second"));
        }
    }
}
