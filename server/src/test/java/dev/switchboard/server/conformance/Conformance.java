package dev.switchboard.server.conformance;

import java.io.IOException;
import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.LoopbackServer;
import dev.switchboard.server.testing.OutboundFrame;

/**
 * What the conformance tests share: an {@code echo} session over a {@link FrameClient}, and the check that the server
 * fails a connection as RFC 6455 section 7.1.7 says: a close frame with the right code, then the TCP connection
 * closed by the server, without waiting for the client's close.
 */
final class Conformance {

    /** How long a test waits for one frame. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** How long the server may take to close TCP after its close frame. */
    static final Duration EOF_WITHIN = Duration.ofSeconds(3);

    private Conformance() {
    }

    /** Opens an {@code echo} session. */
    static FrameClient echo(LoopbackServer server) throws IOException {
        return FrameClient.connect(server.port(), "echo").timeout(READ_TIMEOUT);
    }

    /** Requires the next frame to be a close with {@code code}, then EOF within {@link #EOF_WITHIN}. */
    static InboundFrame assertClosedWith(FrameClient client, int code) throws IOException {
        return client.expectCloseThenEof(code, EOF_WITHIN);
    }

    /** Opens an {@code echo} session, sends {@code frames} in one write and requires {@link #assertClosedWith}. */
    static void assertClosedAfterSending(LoopbackServer server, int code, OutboundFrame... frames) throws IOException {
        try (FrameClient client = echo(server)) {
            client.send(frames);
            assertClosedWith(client, code);
        }
    }

    /** Bytes from ints, for readable byte literals. */
    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
