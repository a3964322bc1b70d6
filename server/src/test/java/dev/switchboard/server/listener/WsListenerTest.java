package dev.switchboard.server.listener;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unmodified Helidon listeners, dropped in as a jar and named in the YAML, served on Switchboard's connection layer.
 */
class WsListenerTest {

    @TempDir
    static Path tempDir;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withoutBuiltIns()
            .plugins("helidon-listeners")
            .yaml(HelidonListeners.NAMES);

    @Test
    void anUnmodifiedHelidonEchoListenerEchoesTextAndBinary() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "helidon-echo")) {
            assertThat(client.subprotocol(), is("helidon-echo"));
            assertThat(client.ask("Hello, Helidon"), is("Hello, Helidon"));
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFF}));
            assertThat(client.nextBinary(), is(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFF})));
        }
    }

    @Test
    void aFragmentedClientMessageReachesTheListenerWhole() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "helidon-echo")) {
            client.sendInParts("añb", "😀");
            assertThat(client.nextText(), is("añb😀"));
        }
    }

    @Test
    void aMessageTheListenerSendsInPartsArrivesWhole() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "journal")) {
            assertThat(client.ask("parts"), is("one,two,three"));
        }
    }

    @Test
    void openMessagesAndCloseReachTheSharedListenerInOrderWithTheClientsCode() throws Exception {
        TestClient first = TestClient.connect(server.ws(), "journal");
        int number = number(first);
        first.send("hi");
        assertThat(first.close(4001, "bye"), is(new TestClient.Closed(4001, "bye")));
        try (TestClient second = TestClient.connect(server.ws(), "journal")) {
            // Other sessions' events may fall in between (the close event reaches the listener after the client has
            // its close frame): the order that counts is this session's own.
            String journal = sessionEntries(journalOnceItHas(second, number + " close "), number);
            assertThat(journal, is(number + " open journal|" + number + " text hi|" + number + " close 4001 bye"));
        }
    }

    @Test
    void theListenerClosesWithItsCodeAndReason() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "journal")) {
            int number = number(client);
            client.send("close 4002 done");
            assertThat(client.awaitClose(), is(new TestClient.Closed(4002, "done")));
            try (TestClient other = TestClient.connect(server.ws(), "journal")) {
                assertThat(journalOnceItHas(other, number + " close "), containsString(number + " close 4002 done"));
            }
        }
    }

    @Test
    void aListenerThatThrowsClosesThatSessionWith1011AfterOnErrorAndTheOthersGoOn() throws Exception {
        try (TestClient bystander = TestClient.connect(server.ws(), "journal");
             TestClient victim = TestClient.connect(server.ws(), "journal")) {
            int number = number(victim);
            victim.send("boom");
            assertThat(victim.awaitClose().code(), is(1011));
            String journal = sessionEntries(journalOnceItHas(bystander, number + " close "), number);
            assertThat(journal, containsString(number + " error boom|" + number + " close 1011"));
            bystander.send("still here");
            assertThat(journalOnceItHas(bystander, "still here"), containsString(" text still here"));
        }
    }

    @Test
    void onHttpUpgradeRefusesWithWsUpgradeExceptionAs400() {
        ExecutionException refused = assertThrows(ExecutionException.class,
                                                  () -> TestClient.connect(server.ws(), "gate").close());
        assertThat(refused.getCause(), instanceOf(WebSocketHandshakeException.class));
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode(), is(400));
    }

    @Test
    void onHttpUpgradeAcceptsAndTheSessionKnowsTheRequest() throws Exception {
        URI uri = URI.create(server.ws() + "?name=lobby");
        try (TestClient client = TestClient.connect(uri, Map.of("X-Token", "secret"), "gate")) {
            assertThat(client.subprotocol(), is("gate"));
            assertThat(client.nextText(), is("GET / name=lobby from 127.0.0.1"));
        }
    }

    @Test
    void aListenerJarSeesTheListenerApiPackagesAndNothingElseOfHelidon() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "listener-probe")) {
            for (String visible : new String[] {"io.helidon.websocket.WsCloseCodes", "io.helidon.http.HeaderNames",
                                                "io.helidon.common.buffers.BufferData",
                                                "io.helidon.common.uri.UriQuery",
                                                "io.helidon.common.socket.PeerInfo",
                                                "io.helidon.common.media.type.MediaTypes",
                                                "dev.switchboard.api.Session"}) {
                client.send(visible);
                assertThat(visible, client.nextText(), is("visible"));
            }
            for (String hidden : new String[] {"io.helidon.webserver.WebServer", "io.helidon.common.mapper.Value",
                                               "io.helidon.config.Config",
                                               "dev.switchboard.server.listener.HelidonWsSession"}) {
                client.send(hidden);
                assertThat(hidden, client.nextText(), is("hidden"));
            }
        }
    }

    @Test
    void aListenerThatNoProtocolNamesFailsItsJarWithTheKeyToAdd() throws Exception {
        Path protocols = Files.createDirectories(tempDir.resolve("unnamed"));
        TestPlugins.copyInto(protocols, "helidon-echo");
        try (TestServer unnamed = TestServer.start(protocols, "")) {
            String list = ProtocolList.of(unnamed).json();
            assertThat(list, allOf(containsString("\"state\":\"failed\""),
                                   containsString("helidon-echo.jar: listener " + HelidonListeners.ECHO
                                                          + " serves no subprotocol: name one with "
                                                          + "switchboard.protocols.<subprotocol>.listener: "
                                                          + HelidonListeners.ECHO)));
        }
    }

    @Test
    void aNamedListenerThatNoJarListsStopsTheStartNamingKeyAndClass() throws Exception {
        Path protocols = Files.createDirectories(tempDir.resolve("missing"));
        TestPlugins.copyInto(protocols, "helidon-echo");
        StartupException refused = assertThrows(StartupException.class, () -> TestServer.start(
                protocols, "  protocols:\n    helidon-echo:\n      listener: " + HelidonListeners.ECHO + "\n"
                        + "    chat:\n      listener: com.example.ChatListener\n").close());
        assertThat(refused.getMessage(), is("switchboard.protocols.chat.listener: no jar in " + protocols
                + " lists com.example.ChatListener in META-INF/services/io.helidon.websocket.WsListener"));
    }

    @Test
    void oneListenerNamedByTwoBlocksServesBothSubprotocolsWithAnInstanceEach() throws Exception {
        Path protocols = Files.createDirectories(tempDir.resolve("twice"));
        TestPlugins.copyInto(protocols, "helidon-journal");
        String names = "  protocols:\n    left:\n      listener: " + HelidonListeners.JOURNAL + "\n"
                + "    right:\n      listener: " + HelidonListeners.JOURNAL + "\n";
        try (TestServer twice = TestServer.start(protocols, names);
             TestClient left = TestClient.connect(twice.ws(), "left");
             TestClient right = TestClient.connect(twice.ws(), "right")) {
            assertThat(left.ask("journal"), is("1 open left"));
            assertThat(right.ask("journal"), is("1 open right"));
        }
    }

    @Test
    void aMessageSentInPartsOverTheSendQueueLimitClosesWith1008() throws Exception {
        Path protocols = Files.createDirectories(tempDir.resolve("small"));
        TestPlugins.copyInto(protocols, "helidon-journal");
        String names = "  protocols:\n    small:\n      listener: " + HelidonListeners.JOURNAL + "\n"
                + "      send-queue-limit: 10\n";
        try (TestServer small = TestServer.start(protocols, names);
             TestClient client = TestClient.connect(small.ws(), "small")) {
            client.send("parts");
            assertThat(client.awaitClose(),
                       is(new TestClient.Closed(1008, "message sent in parts is over send-queue-limit")));
        }
    }

    // The number the journal listener gave this client's session: the last "N open" entry is the client's own.
    private static int number(TestClient client) throws Exception {
        client.send("journal");
        String[] entries = client.nextText().split("\\|");
        String own = entries[entries.length - 1];
        assertThat(own, containsString(" open "));
        return Integer.parseInt(own.substring(0, own.indexOf(' ')));
    }

    // A close event runs on a handler thread after the closing handshake: ask until it is in the journal.
    // The journal's entries of one session, in the journal's order.
    private static String sessionEntries(String journal, int number) {
        return Arrays.stream(journal.split("\\|")).filter(entry -> entry.startsWith(number + " "))
                .collect(Collectors.joining("|"));
    }

    private static String journalOnceItHas(TestClient client, String entry) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String journal;
        do {
            client.send("journal");
            journal = client.nextText();
        } while (!journal.contains(entry) && System.nanoTime() < deadline);
        return journal;
    }
}
