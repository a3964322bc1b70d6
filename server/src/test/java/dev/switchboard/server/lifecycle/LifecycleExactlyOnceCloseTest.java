package dev.switchboard.server.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.switchboard.server.lifecycle.Lifecycle.Stats;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.ServerPerTest;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.switchboard.server.testing.ProtocolList.sessionsOnceSettled;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code MessageHandler.onClose} runs exactly once for every session that opened, with the code and cause, whatever
 * ended it, and the session stops counting in {@code GET /protocols}.
 *
 * <p>Each test starts its own server with the {@code counter} protocol, and two of its sessions: an observer that
 * asks for the protocol's statistics, and the victim that ends in the way the test is about. Afterwards the protocol
 * must have seen two opens and one close, the victim's, with the expected code, and no second close for it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleExactlyOnceCloseTest {

    private static final String COUNTER = "counter";
    /** How long a session may take to end and be reported, beyond any configured timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    /** The default close-timeout. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Time after the first close record in which a duplicate would show up. */
    private static final Duration DUPLICATE_GRACE = Duration.ofMillis(500);
    private static final Duration READ = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @RegisterExtension
    final ServerPerTest servers = ServerPerTest.withBuiltInsAnd("counter");

    private TestServer server;
    private TestClient observer;

    @Test
    void aClientsNormalCloseIsReportedOnceWith1000() throws Exception {
        start("");
        TestClient victim = openJdkVictim();

        victim.close();

        assertVictimClosedOnce(is(1000), MARGIN);
    }

    static Stream<Arguments> messagesThatEndTheSession() {
        return Stream.of(arguments("a close by the plugin", "", "close", 4001),
                         arguments("a handler that throws", "", "throw", 1011),
                         arguments("a message over the limit", "  max-message-size: 1KiB\n", "x".repeat(2000), 1009));
    }

    @ParameterizedTest(name = "{0} closes with {3}")
    @MethodSource("messagesThatEndTheSession")
    void aMessageThatEndsTheSessionClosesItWithItsCodeReportedOnce(String what, String switchboardYaml, String message,
                                                                   int code) throws Exception {
        start(switchboardYaml);
        TestClient victim = openJdkVictim();

        victim.send(message);

        assertClosedOnce(victim, code);
    }

    static Stream<Arguments> framesThatBreakTheProtocol() {
        return Stream.of(arguments(named("an unmasked frame", OutboundFrame.text("not masked").unmasked()), 1002),
                         // 0xC3 starts a two-byte sequence; 0x28 cannot continue it.
                         arguments(named("invalid UTF-8", OutboundFrame.frame(FrameClient.TEXT,
                                                                              new byte[] {(byte) 0xC3, 0x28})),
                                   1007));
    }

    @ParameterizedTest(name = "{0} closes with {1}")
    @MethodSource("framesThatBreakTheProtocol")
    void aFrameThatBreaksTheProtocolClosesWithItsCodeReportedOnce(OutboundFrame frame, int code) throws Exception {
        start("");
        FrameClient victim = openRawVictim();

        victim.send(frame);

        assertClosedByServerOnce(victim, code);
    }

    /** A way a client's connection ends without a close frame. */
    private interface Cut {
        void apply(FrameClient client) throws IOException;
    }

    static Stream<Named<Cut>> cutsWithoutCloseFrame() {
        return Stream.of(named("a reset", FrameClient::reset), named("a dropped connection", FrameClient::drop));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cutsWithoutCloseFrame")
    void aConnectionCutWithoutCloseFrameIsReportedOnceWith1006(Cut cut) throws Exception {
        start("");
        FrameClient victim = openRawVictim();

        cut.apply(victim);

        assertVictimClosedOnce(is(1006), MARGIN);
    }

    @Test
    void aClientThatNeverAnswersTheServersCloseFrameIsClosedAfterTheCloseTimeoutAndReportedOnce()
            throws Exception {
        start("");
        FrameClient victim = openRawVictim();

        victim.sendText("close");
        FrameClient.Ending ending = victim.awaitEnd(READ);
        assertThat(ending.toString(), ending.kind(), is(FrameClient.Ending.Kind.CLOSE_FRAME));
        assertThat(ending.code(), is(4001));
        // No answer: the server gives up after its close-timeout and closes the connection.

        assertVictimClosedOnce(anyOf(is(4001), is(1006)), CLOSE_TIMEOUT.plus(MARGIN));
        assertThat("the server closed the TCP connection", victim.awaitEndOfStream(MARGIN), is(true));
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedAfterTheKeepaliveTimeoutAndReportedOnce() throws Exception {
        // The observer is a JDK client, which answers pings by itself, so it must stay.
        start("  keepalive-interval: 200ms\n  keepalive-timeout: 300ms\n  close-timeout: 1s\n");
        FrameClient victim = openRawVictim();

        // The victim reads nothing and answers nothing from here on.

        assertVictimClosedOnce(greaterThanOrEqualTo(1000), Duration.ofMillis(200 + 300 + 1000).plus(MARGIN));
    }

    @Test
    void stoppingTheServerClosesEverySessionOnceWith1001BeforeTheProtocolStops() throws Exception {
        Path log = tempDir.resolve("counter.log");
        start("  protocols:\n    counter:\n      log-file: \"" + log.toAbsolutePath() + "\"\n");
        List<TestClient> jdkClients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jdkClients.add(openJdkVictim());
        }
        // One client answers nothing, not even the server's close frame.
        FrameClient mute = openRawVictim();

        // Within the default shutdown-timeout of 5 s, which the mute client uses up.
        servers.stopWithin(Duration.ofSeconds(5).plus(MARGIN));

        for (TestClient client : jdkClients) {
            assertThat(client.awaitClose().code(), is(1001));
        }

        List<String> lines = Files.readAllLines(log);
        Map<String, List<Integer>> closesById = new HashMap<>();
        List<String> opens = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 4);
            if (parts[0].equals("stop")) {
                stops.add(line);
            }
            if (parts[0].equals("open")) {
                opens.add(parts[1]);
            } else if (parts[0].equals("close")) {
                closesById.computeIfAbsent(parts[1], id -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
            }
        }
        String all = String.join("\n", lines);
        assertThat(all, stops, hasSize(1));
        assertThat("Protocol.stop() comes after every onClose:\n" + all, lines.getLast(), is("stop"));
        assertThat(all, opens, hasSize(5));
        assertThat(all, closesById.keySet(), containsInAnyOrder(opens.toArray()));
        for (Map.Entry<String, List<Integer>> closes : closesById.entrySet()) {
            if (closes.getKey().equals(idOf(mute))) {
                assertThat(all, closes.getValue(), contains(anyOf(is(1001), is(1006))));
            } else {
                assertThat(all, closes.getValue(), contains(is(1001)));
            }
        }
    }

    @Test
    void stoppingWaitsForCloseEventsThatAreStillRunningBeforeTheProtocolStops() throws Exception {
        Path log = tempDir.resolve("counter.log");
        // Every onClose takes a while, so a session is gone from the protocol's list long before its close event
        // returns; Protocol.stop() must wait for those events too. The mute clients keep their sessions open until
        // the server gives up on them and drops their connections.
        start("  shutdown-timeout: 200ms\n"
                      + "  protocols:\n    counter:\n      log-file: \"" + log.toAbsolutePath() + "\"\n"
                      + "      close-delay: 500ms\n");
        List<FrameClient> mute = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mute.add(openRawVictim());
        }

        servers.stopWithin(Duration.ofSeconds(5).plus(MARGIN));

        List<String> lines = Files.readAllLines(log);
        String all = String.join("\n", lines);
        assertThat(all, lines.stream().filter(line -> line.startsWith("close ")).toList(), hasSize(4));
        assertThat("Protocol.stop() comes after every onClose:\n" + all, lines.getLast(), is("stop"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private final Map<FrameClient, String> rawIds = new HashMap<>();

    private void start(String switchboardYaml) throws Exception {
        server = servers.start(switchboardYaml);
        observer = servers.track(TestClient.connect(server.ws(), COUNTER));
        observer.send("id");
        assertThat(observer.nextText().startsWith("id "), is(true));
    }

    private TestClient openJdkVictim() throws Exception {
        TestClient victim = TestClient.connect(server.ws(), COUNTER);
        servers.track(victim);
        // The answer shows the protocol has opened the session.
        victim.send("id");
        assertThat(victim.nextText().startsWith("id "), is(true));
        return victim;
    }

    private FrameClient openRawVictim() throws Exception {
        FrameClient victim = FrameClient.connect(server.port(), COUNTER).dropOnClose();
        servers.track(victim);
        victim.sendText("id");
        String answer = victim.nextText(READ);
        assertThat(answer.startsWith("id "), is(true));
        rawIds.put(victim, answer.substring(3));
        return victim;
    }

    private String idOf(FrameClient client) {
        return rawIds.get(client);
    }

    private static void answerClose(FrameClient client, int code) {
        try {
            client.send(OutboundFrame.close(code, ""));
        } catch (IOException ignored) {
            // The server may have closed the connection already.
        }
    }

    /** The victim was closed with this code and its close reported once. */
    private void assertClosedOnce(TestClient victim, int code) throws Exception {
        assertThat(victim.awaitClose().code(), is(code));
        assertVictimClosedOnce(is(code), MARGIN);
    }

    /** The server sent the raw victim a close frame with this code; answered, the close is reported once. */
    private void assertClosedByServerOnce(FrameClient victim, int code) throws Exception {
        FrameClient.Ending ending = victim.awaitEnd(READ);
        assertThat(ending.toString(), ending.kind(), is(FrameClient.Ending.Kind.CLOSE_FRAME));
        assertThat(ending.toString(), ending.code(), is(code));
        answerClose(victim, code);
        assertVictimClosedOnce(is(code), MARGIN);
    }

    private Stats stats() throws Exception {
        observer.send("stats");
        return Stats.parse(observer.nextText());
    }

    /**
     * Waits for the victim's close to be reported, then checks it was the only close, reported once, with a code
     * the matcher accepts, and that only the observer is still open and counted.
     */
    private void assertVictimClosedOnce(Matcher<Integer> code, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        Stats stats = stats();
        while (stats.closed() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stats = stats();
        }
        assertThat("no close reported within " + wait + ": " + stats, stats.closed(), is(1));
        Thread.sleep(DUPLICATE_GRACE.toMillis());
        stats = stats();

        assertThat(stats.toString(), stats.opened(), is(2));
        assertThat(stats.toString(), stats.closes(), hasSize(1));
        assertThat(stats.toString(), stats.duplicates(), is(0));
        assertThat(stats.toString(), stats.closed(), is(stats.opened() - stats.open().size()));
        assertThat("only the observer is open: " + stats, stats.open(), hasSize(1));
        String victimId = stats.closes().getFirst().split(" ", 2)[0];
        assertThat(stats.toString(), stats.codesOf(victimId), contains(code));
        assertThat(stats.toString(), stats.open().contains(victimId), is(false));
        assertThat("counter sessions in /protocols", sessionsOnceSettled(server, COUNTER, 1, MARGIN), is(1));
    }
}
