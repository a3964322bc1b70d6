package dev.switchboard.server.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.conformance.Conformance.assertClosedWith;
import static dev.switchboard.server.conformance.Conformance.assertClosedAfterSending;
import static dev.switchboard.server.conformance.Conformance.echo;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.TEXT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Text messages must be UTF-8 (RFC 6455 sections 5.6 and 8.1): a message that is not fails the connection with 1007,
 * as soon as the bytes received can no longer be the start of valid UTF-8; a character split across fragments is
 * valid.
 */
class ConformanceUtf8Test {

    /** "a😀b": the emoji's four bytes are 1 to 4. */
    private static final byte[] WITH_EMOJI = "a😀b".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "c0 af",           // overlong '/'
            "ed a0 80",        // UTF-16 surrogate U+D800
            "f4 90 80 80",     // U+110000, above the Unicode range
            "ff",              // never in UTF-8
            "80",              // lone continuation byte
            "61 c3 28 62",     // lead byte followed by a non-continuation byte
    })
    void invalidUtf8InASingleTextFrameFailsTheConnectionWith1007(String hex) throws Exception {
        assertClosedAfterSending(server, 1007, OutboundFrame.frame(TEXT, hex(hex)));
    }

    @ParameterizedTest(name = "split after byte {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void aFourByteCharacterSplitAcrossTwoFragmentsIsEchoedIntact(int cut) throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(TEXT, range(0, cut)).fin(false),
                        OutboundFrame.frame(CONTINUATION, range(cut, WITH_EMOJI.length)));
            assertThat(client.readText(), is("a😀b"));
        }
    }

    @ParameterizedTest(name = "split after bytes {0} and {1}")
    @MethodSource("twoCuts")
    void aFourByteCharacterSplitAcrossThreeFragmentsIsEchoedIntact(int first, int second) throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(TEXT, range(0, first)).fin(false),
                        OutboundFrame.frame(CONTINUATION, range(first, second)).fin(false),
                        OutboundFrame.frame(CONTINUATION, range(second, WITH_EMOJI.length)));
            assertThat(client.readText(), is("a😀b"));
        }
    }

    @Test
    void aFourByteCharacterSentOneByteAtATimeInFiveFragmentsWithPausesIsEchoedIntact() throws Exception {
        try (FrameClient client = echo(server)) {
            for (int i = 0; i < WITH_EMOJI.length; i++) {
                OutboundFrame fragment = OutboundFrame.frame(i == 0 ? TEXT : CONTINUATION, range(i, i + 1))
                        .fin(i == WITH_EMOJI.length - 1);
                client.writeInPieces(fragment.bytes(), 2, Duration.ofMillis(10));
            }
            assertThat(client.readText(), is("a😀b"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ce ba e1 bd b9 ff",     // "κό" then a byte never in UTF-8
            "ce ba ed a0 80",        // "κ" then a surrogate
            "61 f4 90",              // a prefix no continuation can make valid
    })
    void invalidUtf8InTheFirstFragmentFails1007BeforeTheFinalFragmentIsSent(String hex) throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(TEXT, hex(hex)).fin(false));
            // The final fragment is never sent: the server must judge the bytes it has.
            assertClosedWith(client, 1007);
        }
    }

    @Test
    void invalidUtf8EarlyInALongFrameFails1007BeforeTheRestOfTheFrameIsSent() throws Exception {
        try (FrameClient client = echo(server)) {
            // A frame announcing 1,000 bytes of which only the first 6 are sent, the 5th one invalid: a strict server
            // judges the bytes it has (Autobahn 6.4.3/6.4.4), it does not wait for the frame to complete.
            OutboundFrame frame = OutboundFrame.frame(TEXT, hex("ce ba e1 bd ff 61")).declaredLength(1000);
            client.write(frame.bytes());
            assertClosedWith(client, 1007);
        }
    }

    @Test
    void invalidUtf8InAMiddleFragmentFails1007BeforeTheFinalFragmentIsSent() throws Exception {
        assertClosedAfterSending(server, 1007,
                                 OutboundFrame.frame(TEXT, "fine").fin(false),
                                 OutboundFrame.frame(CONTINUATION, hex("f0 9f 98 41")).fin(false));
    }

    @Test
    void aSingleFrameMessageEndingInATruncatedCharacterFailsWith1007() throws Exception {
        assertClosedAfterSending(server, 1007, OutboundFrame.frame(TEXT, hex("61 f0 9f 98")));
    }

    @Test
    void aFragmentedMessageEndingInATruncatedCharacterFailsWith1007() throws Exception {
        assertClosedAfterSending(server, 1007,
                                 OutboundFrame.frame(TEXT, hex("61 f0")).fin(false),
                                 OutboundFrame.frame(CONTINUATION, hex("9f")));
    }

    @Test
    void invalidUtf8InABinaryMessageIsEchoedAsIs() throws Exception {
        try (FrameClient client = echo(server)) {
            client.send(OutboundFrame.frame(FrameClient.BINARY, hex("c0 af ff")));
            assertThat(client.readMessage().payload(), is(hex("c0 af ff")));
        }
    }

    static Stream<Arguments> twoCuts() {
        return IntStream.rangeClosed(1, 4).boxed().flatMap(first -> IntStream.rangeClosed(first + 1, 5)
                .mapToObj(second -> Arguments.of(first, second)));
    }

    private static byte[] range(int from, int to) {
        return Arrays.copyOfRange(WITH_EMOJI, from, to);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }
}
