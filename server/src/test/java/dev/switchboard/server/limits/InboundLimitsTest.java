package dev.switchboard.server.limits;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;

import dev.switchboard.server.testing.Flood;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.testing.FrameClient.BINARY;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * {@code max-frames-per-second} and {@code max-bytes-per-second}: a client over a limit is held to it (its frames
 * wait in the socket, and TCP holds the client back), and one that stays over it for 5 s is closed with 1008 naming
 * the limit, and counted. The limits are set low on {@code lws-status} (frames) and {@code reverse} (bytes) here; on
 * {@code echo} the defaults hold, and the heaviest legitimate clients pass them untouched.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InboundLimitsTest {

    private static final long FRAME_LIMIT = 2000;
    private static final Duration HELD = Duration.ofSeconds(3);
    // Closed 5 s after it went over, plus the close timeout, plus slack for a busy machine.
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(20);

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("""
                  close-timeout: 1s
                  protocols:
                    lws-status:
                      max-frames-per-second: %d
                    reverse:
                      max-bytes-per-second: 256KiB
                    echo:
                      max-message-size: 16MiB
                """.formatted(FRAME_LIMIT));

    @Test
    void aClientOverTheFrameLimitIsHeldToItThenClosedWith1008NamingTheLimit() throws Exception {
        long closesBefore = closes("lws-status");
        try (Flood flood = Flood.oneByteMessages(server.port(), "lws-status", 1)) {
            long start = System.nanoTime();
            Thread.sleep(HELD);
            // Each message is one frame of one payload byte, so the server's byte count is its frame count.
            long received = MetricsScrape.of(server)
                    .count("switchboard_received_bytes_total", "protocol", "lws-status");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat("frames read in " + seconds + " s", (double) received,
                       lessThan(FRAME_LIMIT * (1 + seconds) * 1.5));
            // The flooder wrote far more (7 bytes a frame) than was read: the rest waits in the socket buffers.
            assertThat("frames written", flood.bytesWritten() / 7, greaterThan(received * 3));

            assertClosedWith1008Naming(flood, "max-frames-per-second");
        }
        assertThat(closes("lws-status"), is(closesBefore + 1));
    }

    @Test
    void aClientOverTheByteLimitIsClosedWith1008NamingTheLimit() throws Exception {
        long closesBefore = closes("reverse");
        try (Flood flood = Flood.binaryMessages(server.port(), "reverse", 1, 8192)) {
            assertClosedWith1008Naming(flood, "max-bytes-per-second");
        }
        assertThat(closes("reverse"), is(closesBefore + 1));
    }

    @Test
    void aSixteenMebibyteMessageAndFourMebibytesIn64ByteFragmentsPassTheDefaultLimits() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo")) {
            byte[] large = new byte[16 << 20];
            Arrays.fill(large, (byte) 7);
            client.send(OutboundFrame.frame(BINARY, large));
            InboundFrame echoed = client.timeout(Duration.ofSeconds(30)).readMessage();
            assertThat(echoed.payload().length, is(large.length));

            // Autobahn's 9.3.1: a 4 MiB text message in 65,536 fragments of 64 bytes, as fast as TCP takes them.
            ByteArrayOutputStream fragments = new ByteArrayOutputStream();
            byte[] piece = "f".repeat(64).getBytes();
            int count = (4 << 20) / piece.length;
            for (int i = 0; i < count; i++) {
                fragments.writeBytes(OutboundFrame.frame(i == 0 ? TEXT : CONTINUATION, piece).fin(i == count - 1)
                                             .bytes());
            }
            client.write(fragments.toByteArray());
            assertThat(client.readText().length(), is(4 << 20));
        }
        assertThat(closes("echo"), is(0L));
    }

    private static long closes(String protocol) throws Exception {
        return MetricsScrape.of(server).count("switchboard_inbound_limit_closes_total", "protocol", protocol);
    }

    private static void assertClosedWith1008Naming(Flood flood, String limit) throws InterruptedException {
        FrameClient.Ending first = flood.awaitEndings(CLOSED_WITHIN).getFirst();
        assertThat(first.toString(), first.code(), is(1008));
        assertThat(first.detail(), containsString(limit));
    }
}
