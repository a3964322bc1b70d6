package dev.switchboard.server.deflate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A channel publish to a mix of members: those that negotiated permessage-deflate get the compressed frame, the
 * others the plain one; the compression counters show both directions.
 */
class DeflateBroadcastTest {

    private static final String MIRROR = "lws-mirror-protocol";
    private static final String PATH = "/?mirror=deflate-mix";

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns()
            .yaml("  compression:\n    threshold: 64B\n");

    @Test
    void eachMemberGetsTheFormItNegotiated() throws Exception {
        try (FrameClient compressing = DeflateClients.connect(server.port(), PATH, MIRROR, "permessage-deflate");
             FrameClient plain = DeflateClients.connect(server.port(), PATH, MIRROR, null)) {
            // Membership: each has its own short (plain) message back; the first also sees the second's, and the
            // second may get the first's from the mirror's backlog before its own.
            compressing.sendText("one");
            assertThat(compressing.readText(), is("one"));
            plain.sendText("two");
            String seen = plain.readText();
            if (seen.equals("one")) {
                seen = plain.readText();
            }
            assertThat(seen, is("two"));
            assertThat(compressing.readText(), is("two"));

            String text = "a line the mirror shares with every member, ".repeat(50);
            compressing.send(OutboundFrame.frame(FrameClient.TEXT, DeflateClients.compress(
                    new Deflater(Deflater.DEFAULT_COMPRESSION, true), text.getBytes(StandardCharsets.UTF_8)))
                                     .rsv(FrameClient.RSV1));

            InboundFrame toCompressing = compressing.readFrame();
            assertThat(toCompressing.rsv(), is(FrameClient.RSV1));
            assertThat(new String(DeflateClients.inflate(toCompressing.payload()), StandardCharsets.UTF_8), is(text));
            InboundFrame toPlain = plain.readFrame();
            assertThat(toPlain.rsv(), is(0));
            assertThat(toPlain.text(), is(text));

            MetricsScrape scrape = MetricsScrape.awaitUntil(server, Duration.ofSeconds(5), s -> s.countOrZero(
                    "switchboard_compression_bytes_total", "protocol", MIRROR, "direction", "out", "stage", "raw") > 0);
            long inRaw = scrape.count("switchboard_compression_bytes_total",
                                      "protocol", MIRROR, "direction", "in", "stage", "raw");
            long inWire = scrape.count("switchboard_compression_bytes_total",
                                       "protocol", MIRROR, "direction", "in", "stage", "wire");
            long outRaw = scrape.count("switchboard_compression_bytes_total",
                                       "protocol", MIRROR, "direction", "out", "stage", "raw");
            long outWire = scrape.count("switchboard_compression_bytes_total",
                                        "protocol", MIRROR, "direction", "out", "stage", "wire");
            assertThat(inRaw, is((long) text.length()));
            assertThat(inWire, lessThan(inRaw));
            // One compressed copy went out: to the one member that compresses.
            assertThat(outRaw, is((long) text.length()));
            assertThat(outWire, greaterThan(0L));
            assertThat(outWire, lessThan(outRaw));
        }
    }
}
