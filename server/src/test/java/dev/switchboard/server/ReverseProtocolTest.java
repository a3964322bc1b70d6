package dev.switchboard.server;

import java.nio.ByteBuffer;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The {@code reverse} protocol end to end: text by grapheme cluster, binary by byte, up to the message size limit.
 */
class ReverseProtocolTest {

    private static final int MIB = 1024 * 1024;

    // Written as escapes so the source does not depend on the editor: U+1F600, a ZWJ family of three and two flags.
    private static final String GRINNING = "\uD83D\uDE00";
    private static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    private static final String FRANCE = "\uD83C\uDDEB\uD83C\uDDF7";
    private static final String GERMANY = "\uD83C\uDDE9\uD83C\uDDEA";

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void asciiTextComesBackReversed() throws Exception {
        assertThat(reversedByServer("Hello, world!"), is("!dlrow ,olleH"));
    }

    @Test
    void surrogatePairsStayPaired() throws Exception {
        assertThat(reversedByServer("a\u00F1b" + GRINNING), is(GRINNING + "b\u00F1a"));
    }

    @Test
    void combiningMarksStayOnTheirLetter() throws Exception {
        assertThat(reversedByServer("xe\u0301"), is("e\u0301x"));
    }

    @Test
    void zwjEmojiSequencesStayWhole() throws Exception {
        assertThat(reversedByServer("a" + FAMILY + "b"), is("b" + FAMILY + "a"));
    }

    @Test
    void flagsStayWholeAndKeepTheirPairing() throws Exception {
        assertThat(reversedByServer(FRANCE + GERMANY), is(GERMANY + FRANCE));
    }

    @Test
    void emptyMessageComesBackEmpty() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            assertThat(client.ask(""), is(""));
            // The empty answer is a message of its own, not swallowed into the next one.
            assertThat(client.ask("ab"), is("ba"));
        }
    }

    @Test
    void messageOfExactlyTheDefaultLimitOfOneMebibyteComesBackReversed() throws Exception {
        StringBuilder text = new StringBuilder(MIB);
        for (int i = 0; i < MIB; i++) {
            text.append((char) ('a' + i % 26 + (i / 26 % 2) * ('A' - 'a')));
        }
        String message = text.toString();
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            client.send(message);
            String answer = client.nextText();
            assertThat(answer.length(), is(MIB));
            // Compared as a boolean: a mismatch message of two 1 MiB strings helps nobody.
            assertThat("answer is the message reversed", answer.equals(new StringBuilder(message).reverse().toString()),
                       is(true));
        }
    }

    @Test
    void binaryMessageComesBackByteReversed() throws Exception {
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            client.send(ByteBuffer.wrap(bytes));
            ByteBuffer answer = client.nextBinary();
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            assertThat(answer, is(ByteBuffer.wrap(reversed)));
        }
    }

    @Test
    void textAndBinaryAnswersKeepTheirKind() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            client.send("123");
            assertThat(client.nextBinary(), is(ByteBuffer.wrap(new byte[] {3, 2, 1})));
            assertThat(client.nextText(), is("321"));
        }
    }

    @Test
    void fragmentedMessageIsReversedAsAWhole() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            client.sendInParts("Hello, ", "world", "!");
            assertThat(client.nextText(), is("!dlrow ,olleH"));
        }
    }

    @Test
    void textOverTheConfiguredLimitClosesWith1009AndOtherConnectionsStillWork() throws Exception {
        try (TestServer small = TestServer.start(TestServer.protocolsDirWithBuiltIns(), "  max-message-size: 1KiB\n")) {
            try (TestClient client = TestClient.connect(small.ws(), "reverse")) {
                client.send("x".repeat(2048));
                assertThat(client.awaitClose().code(), is(1009));
            }
            try (TestClient client = TestClient.connect(small.ws(), "reverse")) {
                assertThat(client.ask("still here"), is("ereh llits"));
            }
        }
    }

    @Test
    void fragmentedTextOverTheConfiguredLimitClosesWith1009AndOtherConnectionsStillWork() throws Exception {
        try (TestServer small = TestServer.start(TestServer.protocolsDirWithBuiltIns(), "  max-message-size: 1KiB\n")) {
            try (TestClient client = TestClient.connect(small.ws(), "reverse")) {
                // Each frame is under the limit; the message is over it.
                client.sendInParts("x".repeat(600), "x".repeat(600));
                assertThat(client.awaitClose().code(), is(1009));
            }
            try (TestClient client = TestClient.connect(small.ws(), "reverse")) {
                client.sendInParts("ab", "c");
                assertThat(client.nextText(), is("cba"));
            }
        }
    }

    @Test
    void binaryOverTheConfiguredLimitClosesWith1009() throws Exception {
        try (TestServer small = TestServer.start(TestServer.protocolsDirWithBuiltIns(), "  max-message-size: 1KiB\n");
             TestClient client = TestClient.connect(small.ws(), "reverse")) {
            client.send(ByteBuffer.allocate(2048));
            assertThat(client.awaitClose().code(), is(1009));
        }
    }

    @Test
    void theLimitCountsUtf8BytesAndAllowsAMessageOfExactlyTheLimit() throws Exception {
        try (TestServer small = TestServer.start(TestServer.protocolsDirWithBuiltIns(), "  max-message-size: 1KiB\n")) {
            try (TestClient client = TestClient.connect(small.ws(), "reverse")) {
                // 512 two-byte characters: 1,024 bytes, exactly the limit.
                assertThat(client.ask("\u00E9".repeat(512)), is("\u00E9".repeat(512)));
            }
            try (TestClient client = TestClient.connect(small.ws(), "reverse")) {
                // 513 characters, 1,026 bytes: under the limit in characters, over it in bytes.
                client.send("\u00E9".repeat(513));
                assertThat(client.awaitClose().code(), is(1009));
            }
        }
    }

    private static String reversedByServer(String text) throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            client.send(text);
            return client.nextText();
        }
    }
}
