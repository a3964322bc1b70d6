package dev.switchboard.server.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.conformance.Conformance.assertClosedWith;
import static dev.switchboard.server.testing.FrameClient.BINARY;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code switchboard.max-message-size}: messages up to the limit come back whole; a message over it fails the
 * connection with 1009 (RFC 6455 section 7.4.1) as soon as the server knows, from a frame header or from the sum of
 * the fragments so far, without reading the rest.
 */
class ConformanceSizeTest {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    /** Reading or writing 16 MiB over loopback takes well under a second; this bounds a hang. */
    private static final Duration LARGE_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final SwitchboardServer large = SwitchboardServer.withBuiltIns().yaml("  max-message-size: 16MiB\n");
    @RegisterExtension
    static final SwitchboardServer small = SwitchboardServer.withBuiltIns().yaml("  max-message-size: 1KiB\n");

    // ---- With a 16 MiB limit ---------------------------------------------------------------------------------------

    @Test
    void a16MiBBinaryMessageInOneFrameIsEchoedIntact() throws Exception {
        byte[] data = randomBytes(SIXTEEN_MIB);
        try (FrameClient client = connectToLarge()) {
            client.send(OutboundFrame.frame(BINARY, data));
            assertEchoed(client.readMessage(), BINARY, data);
        }
    }

    @Test
    void a16MiBBinaryMessageInFourFragmentsIsEchoedIntact() throws Exception {
        byte[] data = randomBytes(SIXTEEN_MIB);
        try (FrameClient client = connectToLarge()) {
            sendInFourFragments(client, BINARY, data);
            assertEchoed(client.readMessage(), BINARY, data);
        }
    }

    @Test
    void a16MiBTextMessageInOneFrameIsEchoedIntact() throws Exception {
        byte[] text = sixteenMiBOfText();
        try (FrameClient client = connectToLarge()) {
            client.send(OutboundFrame.frame(TEXT, text));
            assertEchoed(client.readMessage(), TEXT, text);
        }
    }

    @Test
    void a16MiBTextMessageInFourFragmentsSplittingCharactersIsEchoedIntact() throws Exception {
        byte[] text = sixteenMiBOfText();
        try (FrameClient client = connectToLarge()) {
            sendInFourFragments(client, TEXT, text);
            assertEchoed(client.readMessage(), TEXT, text);
        }
    }

    // ---- With a 1 KiB limit ----------------------------------------------------------------------------------------

    @Test
    void aMessageOfExactlyTheLimitIsEchoed() throws Exception {
        byte[] data = randomBytes(1024);
        try (FrameClient client = Conformance.echo(small)) {
            client.send(OutboundFrame.frame(BINARY, data));
            assertEchoed(client.readMessage(), BINARY, data);
        }
    }

    @Test
    void aFrameHeaderAnnouncing1MiBFailsWith1009BeforeAnyPayloadIsSent() throws Exception {
        try (FrameClient client = Conformance.echo(small)) {
            client.write(OutboundFrame.frame(BINARY, new byte[0]).declaredLength(1024 * 1024).header());
            assertClosedWith(client, 1009);
        }
    }

    @Test
    void aTextFrameHeaderAnnouncingOneByteOverTheLimitFailsWith1009BeforeAnyPayloadIsSent() throws Exception {
        try (FrameClient client = Conformance.echo(small)) {
            client.write(OutboundFrame.frame(TEXT, new byte[0]).declaredLength(1025).header());
            assertClosedWith(client, 1009);
        }
    }

    @Test
    void fragmentsSummingOverTheLimitFailWith1009BeforeTheMessageEnds() throws Exception {
        try (FrameClient client = Conformance.echo(small)) {
            client.send(OutboundFrame.frame(TEXT, "x".repeat(600)).fin(false));
            client.send(OutboundFrame.frame(CONTINUATION, "x".repeat(600)).fin(false));
            // No final fragment: the sum so far is over the limit already.
            assertClosedWith(client, 1009);
        }
    }

    @Test
    void finalFragmentTakingTheSumOverTheLimitFailsWith1009() throws Exception {
        try (FrameClient client = Conformance.echo(small)) {
            client.send(OutboundFrame.frame(BINARY, new byte[1000]).fin(false),
                        OutboundFrame.frame(CONTINUATION, new byte[25]));
            assertClosedWith(client, 1009);
        }
    }

    private static FrameClient connectToLarge() throws Exception {
        return FrameClient.connect(large.port(), "echo").timeout(LARGE_TIMEOUT);
    }

    private static void sendInFourFragments(FrameClient client, int opcode, byte[] data) throws Exception {
        // Cuts at odd offsets, so text fragments end inside multi-byte characters.
        int[] cuts = {0, data.length / 4 + 1, data.length / 2 + 2, 3 * data.length / 4 + 3, data.length};
        for (int i = 0; i < 4; i++) {
            byte[] fragment = Arrays.copyOfRange(data, cuts[i], cuts[i + 1]);
            client.send(OutboundFrame.frame(i == 0 ? opcode : CONTINUATION, fragment).fin(i == 3));
        }
    }

    private static void assertEchoed(InboundFrame message, int opcode, byte[] expected) {
        assertThat(message.opcode(), is(opcode));
        assertThat(message.payload().length, is(expected.length));
        assertThat("echoed payload differs", Arrays.equals(message.payload(), expected), is(true));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Exactly 16 MiB of UTF-8 mixing 1-, 2-, 3- and 4-byte characters (10 bytes per repetition, plus padding). */
    private static byte[] sixteenMiBOfText() {
        byte[] unit = "aé€😀".getBytes(StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder("aé€😀".repeat(SIXTEEN_MIB / unit.length));
        text.append("x".repeat(SIXTEEN_MIB - (SIXTEEN_MIB / unit.length) * unit.length));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
