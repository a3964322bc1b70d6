package dev.switchboard.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.switchboard.server.StatusClient.Connection;
import dev.switchboard.server.StatusClient.Document;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isEmptyString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The {@code lws-status} protocol end to end: what a document lists, and that it follows connections of every
 * protocol as they open and close. Every document any {@link StatusClient} reads is checked to be strict JSON of the
 * documented shape that lists the receiving connection.
 *
 * <p>Each test has a server of its own, so the connections it counts are its own.
 */
class StatusProtocolTest {

    private static final String STATUS = "lws-status";

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().perTest();

    @Test
    void theFirstDocumentListsTheStatusSessionItselfWithItsUserAgent() throws Exception {
        long before = Instant.now().getEpochSecond();
        try (StatusClient status = StatusClient.connect(server.port(), "status-test/first")) {
            Document document = status.next();
            long after = Instant.now().getEpochSecond();

            assertThat(document.version(), is("1.0.0"));
            assertThat(document.hostname(), is(InetAddress.getLocalHost().getHostName()));
            assertThat(document.wsi(), is("1"));
            assertThat(document.conns().size(), is(1));
            Connection self = document.conns().getFirst();
            assertThat(self.peer(), is("127.0.0.1"));
            assertThat(self.ua(), is("status-test/first"));
            assertThat(self.protocol(), is(STATUS));
            assertThat(self.id(), not(isEmptyString()));
            assertThat(Long.parseLong(self.time()), allOf(greaterThanOrEqualTo(before), lessThanOrEqualTo(after)));
        }
    }

    @Test
    void connectionsOfOtherProtocolsAreListedNewestFirstAsTheyOpen() throws Exception {
        try (StatusClient status = StatusClient.connect(server.port(), "status-test/watcher")) {
            assertThat(status.next().wsi(), is("1"));
            try (TestClient echo = TestClient.connect(server.ws(), "echo")) {
                Document withEcho = status.awaitDocument("an echo connection", document -> document.count("echo") == 1);
                assertThat(withEcho.wsi(), is("2"));
                assertThat(withEcho.protocols(), is(List.of("echo", STATUS)));
                Connection echoEntry = withEcho.conns().getFirst();
                assertThat(echoEntry.peer(), is("127.0.0.1"));
                // The JDK client names itself.
                assertThat(echoEntry.ua(), startsWith("Java-http-client/"));

                try (TestClient reverse = TestClient.connect(server.ws(), "reverse")) {
                    Document withBoth = status.awaitDocument("a reverse connection",
                                                             document -> document.count("reverse") == 1);
                    assertThat(withBoth.wsi(), is("3"));
                    assertThat(withBoth.protocols(), is(List.of("reverse", "echo", STATUS)));
                    assertThat(withBoth.conns().get(1).id(), is(echoEntry.id()));
                }
            }
        }
    }

    @Test
    void aClosedConnectionLeavesTheListAndTheCountGoesDown() throws Exception {
        try (StatusClient status = StatusClient.connect(server.port(), "status-test/watcher");
             TestClient reverse = TestClient.connect(server.ws(), "reverse");
             TestClient echo = TestClient.connect(server.ws(), "echo")) {
            status.awaitDocument("three connections", document -> document.wsi().equals("3"));

            echo.close();
            Document afterClose = status.awaitDocument("no echo connection", document -> document.count("echo") == 0);
            // libwebsockets' counter never goes down; this one does.
            assertThat(afterClose.wsi(), is("2"));
            assertThat(afterClose.protocols(), is(List.of("reverse", STATUS)));
        }
    }

    @Test
    void twoStatusSessionsBothFollowTheServer() throws Exception {
        try (StatusClient first = StatusClient.connect(server.port(), "status-test/first")) {
            assertThat(first.next().wsi(), is("1"));
            try (StatusClient second = StatusClient.connect(server.port(), "status-test/second")) {
                Document secondsFirst = second.next();
                assertThat(secondsFirst.wsi(), is("2"));
                assertThat(secondsFirst.lists("status-test/first"), is(true));
                first.awaitDocument("the second status session", document -> document.lists("status-test/second"));

                try (TestClient echo = TestClient.connect(server.ws(), "echo")) {
                    first.awaitDocument("an echo connection", document -> document.wsi().equals("3"));
                    second.awaitDocument("an echo connection", document -> document.wsi().equals("3"));
                }
            }
            Document afterSecondLeft = first.awaitDocument("the first session alone",
                                                           document -> document.wsi().equals("1"));
            assertThat(afterSecondLeft.protocols(), is(List.of(STATUS)));
        }
    }

    @Test
    void aHostileUserAgentIsEscapedSoTheDocumentParsesAndRoundTrips() throws Exception {
        // Quotes and braces that would end the string and forge an entry, backslashes, a tab, and UTF-8 for
        // U+00F1 and U+1F600. The server decodes header bytes as US-ASCII, so each of those six bytes reaches the
        // protocol as U+FFFD: the document must carry that non-ASCII text intact, as UTF-8.
        String ascii = "evil\"},{\"peer\":\"1.2.3.4\",\"ua\":\"forged\\\" \\ \tend ";
        byte[] bytes = (ascii + "\u00F1\uD83D\uDE00").getBytes(StandardCharsets.UTF_8);
        String reported = ascii + "\uFFFD".repeat(6);
        try (StatusClient status = StatusClient.connect(server.port(), bytes, reported)) {
            Document document = status.next();
            assertThat(document.conns().size(), is(1));
            assertThat(document.conns().getFirst().ua(), is(reported));
        }
    }

    @Test
    void messagesFromAStatusClientAreIgnored() throws Exception {
        try (StatusClient status = StatusClient.connect(server.port(), "status-test/chatty")) {
            assertThat(status.next().wsi(), is("1"));
            status.frames().sendText("hello");
            status.frames().send(OutboundFrame.frame(FrameClient.BINARY, new byte[] {1, 2, 3}));
            status.frames().expectSilence(Duration.ofMillis(500));

            try (TestClient echo = TestClient.connect(server.ws(), "echo")) {
                assertThat(status.awaitDocument("an echo connection", document -> document.wsi().equals("2"))
                                   .protocols(), is(List.of("echo", STATUS)));
            }
        }
    }
}
