package dev.switchboard.server.plugin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;
import dev.switchboard.server.testing.UpgradeRequest;
import dev.switchboard.server.testing.UpgradeResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Plugins.protocolList;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code Protocol.accept}: a protocol refuses handshakes with an HTTP status of its choice, or accepts them with data
 * for the session; a hook that fails costs its client a 500, and nothing else.
 */
class HandshakeHookTest {

    private static final String CHALLENGE = "Bearer realm=\"switchboard\"";
    private static final String EXPIRED = "jeton expiré – reconnectez-vous";
    // The default shutdown-timeout (5 s) and a wide margin, well short of the 60 s a stuck hook blocks.
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);

    // "guarded" wants ?token=; it counts its accept and open calls, reported to "stats". "moody" judges by ?mode=:
    // throw, error, null, or accept.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("guarded", "moody").yaml("""
                  protocols:
                    guarded:
                      expired-reason: "%s"
                """.formatted(EXPIRED));

    @Test
    void missingOrWrongTokenIsRefusedWith401TheChallengeAndTheReason() throws Exception {
        for (String query : new String[] {"", "?token=", "?token=wrong", "?other=alice-token"}) {
            HttpResponse<?> response = refusal("guarded", query);
            assertThat(query, response.statusCode(), is(401));
            assertThat(query, response.headers().allValues("WWW-Authenticate"), is(List.of(CHALLENGE)));
            assertThat(query, response.body(), is("missing or wrong token\n"));
        }
    }

    @Test
    void otherRefusalsCarryTheirStatusHeadersAndReason() throws Exception {
        HttpResponse<?> expired = refusal("guarded", "?token=expired");
        assertThat(expired.statusCode(), is(403));
        assertThat(expired.body(), is(EXPIRED + "\n"));

        HttpResponse<?> busy = refusal("guarded", "?token=busy");
        assertThat(busy.statusCode(), is(503));
        assertThat(busy.headers().firstValue("Retry-After").orElse("(none)"), is("120"));
        assertThat("an empty reason gets a default body", busy.body(),
                   is("Protocol guarded refused the handshake.\n"));

        // A status Helidon has no reason phrase for still makes a valid status line.
        HttpResponse<?> odd = refusal("guarded", "?token=odd");
        assertThat(odd.statusCode(), is(499));
        assertThat(odd.body(), is("an odd status\n"));
    }

    @Test
    void rightTokenOpensTheConnectionAndTheSessionSeesWhatTheHookAttached() throws Exception {
        try (TestClient alice = TestClient.connect(uri("?token=alice-token"), "guarded");
             TestClient bob = TestClient.connect(uri("?token=bob-token"), "guarded");
             TestClient anonymous = TestClient.connect(uri("?token=anonymous"), "guarded")) {
            assertThat(alice.subprotocol(), is("guarded"));
            // "user ..." only if the session holds the very object of the plugin's class the hook attached.
            assertThat(alice.nextText(), is("hello user alice"));
            assertThat(bob.nextText(), is("hello user bob"));
            assertThat(anonymous.nextText(), is("hello anonymous"));
            assertThat(alice.ask("hi"), is("echo:hi"));
        }
    }

    @Test
    void headersOfAnAcceptanceAreInThe101AfterTheServersOwn() throws Exception {
        try (FrameClient carol = FrameClient.connect(server.port(), "/?token=carol-token", "guarded", Map.of())
                .dropOnClose()) {
            String id = "carol-" + carol.localAddress().getPort();
            // The accept key is checked by the conformance tests; here only its place matters.
            assertThat(carol.response().headerLines().get(2), startsWith("Sec-WebSocket-Accept: "));
            assertThat(carol.response().headerLines().stream().filter(line -> !line.startsWith("Sec-WebSocket-Accept:")).toList(),
                       is(List.of(
                    "Upgrade: websocket",
                    "Connection: Upgrade",
                    "Sec-WebSocket-Protocol: guarded",
                    "Set-Cookie: sid=" + id + "; HttpOnly; SameSite=Strict",
                    "Set-Cookie: theme=dark",
                    "X-Session-Id: " + id)));
        }
        // An acceptance without headers adds none.
        try (FrameClient alice = FrameClient.connect(server.port(), "/?token=alice-token", "guarded", Map.of())
                .dropOnClose()) {
            assertThat(alice.response().headerLines().size(), is(4));
        }
    }

    @Test
    void refusalOnTheWireIsAPlainTextAnswerWithItsLengthAndConnectionCloseAndThenTheEndOfTcp() throws Exception {
        UpgradeResponse unauthorized = FrameClient.refused(
                server.port(), UpgradeRequest.offering(server.port(), "/?token=wrong", "guarded"));
        assertThat(unauthorized.statusLine(), is("HTTP/1.1 401 Unauthorized"));
        assertThat(unauthorized.headerLines(), is(List.of("Content-Type: text/plain; charset=UTF-8",
                                                          "Content-Length: 23",
                                                          "Connection: close",
                                                          "WWW-Authenticate: " + CHALLENGE)));
        assertThat(unauthorized.body(), is("missing or wrong token\n"));
        assertThat(unauthorized.body().getBytes(StandardCharsets.UTF_8).length, is(23));

        // Content-Length counts bytes, not characters; the answer ends at the body.
        UpgradeResponse forbidden = FrameClient.refused(
                server.port(), UpgradeRequest.offering(server.port(), "/?token=expired", "guarded"));
        assertThat(forbidden.statusLine(), is("HTTP/1.1 403 Forbidden"));
        assertThat(forbidden.body(), is(EXPIRED + "\n"));
        assertThat(forbidden.headerLines(), is(List.of(
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Length: " + (EXPIRED + "\n").getBytes(StandardCharsets.UTF_8).length,
                "Connection: close")));

        UpgradeResponse odd = FrameClient.refused(
                server.port(), UpgradeRequest.offering(server.port(), "/?token=odd", "guarded"));
        assertThat(odd.statusLine(), startsWith("HTTP/1.1 499 "));
        assertThat(odd.body(), is("an odd status\n"));
    }

    @Test
    void refusedHandshakesOpenNoSessionAndTheHookRunsExactlyOncePerHandshake() throws Exception {
        try (TestClient control = TestClient.connect(uri("?token=alice-token"), "guarded")) {
            assertThat(control.nextText(), is("hello user alice"));
            control.send("stats");
            int[] before = stats(control.nextText());

            refusal("guarded", "?token=wrong");
            refusal("guarded", "");
            refusal("guarded", "?token=busy");
            FrameClient.refused(server.port(), UpgradeRequest.offering(server.port(), "/?token=nope", "guarded"));
            try (TestClient bob = TestClient.connect(uri("?token=bob-token"), "guarded")) {
                assertThat(bob.nextText(), is("hello user bob"));
                control.send("stats");
                int[] after = stats(control.nextText());
                assertThat("accept calls: four refused handshakes and one accepted",
                           after[0] - before[0], is(5));
                assertThat("open calls: the accepted handshake only", after[1] - before[1], is(1));
                awaitSessions("guarded", 2);
            }
            awaitSessions("guarded", 1);
        }
        awaitSessions("guarded", 0);
    }

    @Test
    void hookThatThrowsOrReturnsNullCostsItsClientA500AndIsLoggedNamingTheProtocol() throws Exception {
        try (LogCapture log = LogCapture.of("switchboard.protocol.moody");
             TestClient bystander = TestClient.connect(uri(""), "moody");
             TestClient echo = TestClient.connect(server.ws(), "echo")) {
            Map<String, String> causes = Map.of("throw", "hook boom",
                                                "error", "hook assertion",
                                                "null", "accept returned null");
            for (Map.Entry<String, String> mode : causes.entrySet()) {
                HttpResponse<?> response = refusal("moody", "?mode=" + mode.getKey());
                assertThat(mode.getKey(), response.statusCode(), is(500));
                assertThat(mode.getKey(), (String) response.body(),
                           allOf(containsString("moody"), not(containsString(mode.getValue()))));
                log.await(Level.WARNING, message -> message.contains("moody") && message.contains(mode.getValue()));

                String after = "still there after " + mode.getKey();
                assertThat(bystander.ask(after), is("moody:" + after));
                assertThat(echo.ask("echo after " + mode.getKey()), is("echo after " + mode.getKey()));
            }
            try (TestClient newcomer = TestClient.connect(uri("?mode=accept"), "moody")) {
                assertThat(newcomer.ask("new"), is("moody:new"));
            }
            awaitSessions("moody", 1);
        }
    }

    @Test
    void failingHookOnTheWireIsA500WithConnectionCloseAndTheEndOfTcp() throws Exception {
        UpgradeResponse failed = FrameClient.refused(
                server.port(), UpgradeRequest.offering(server.port(), "/?mode=throw", "moody"));
        assertThat(failed.statusLine(), is("HTTP/1.1 500 Internal Server Error"));
        assertThat(failed.headerLines(), is(List.of(
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Length: " + failed.body().getBytes(StandardCharsets.UTF_8).length,
                "Connection: close")));
        assertThat(failed.body(), is("Protocol moody failed to judge the handshake\n"));
    }

    @Test
    void hookThatBlocksHoldsUpOnlyItsOwnHandshakeAndNotTheServersStop(@TempDir Path dir) throws Exception {
        String release = "switchboard.test.release." + System.nanoTime();
        Path protocols = protocolsDirWithBuiltIns(dir);
        // With ?block, "stuck" judges until the system property is set, ignoring interrupts, for 60 s at most.
        TestPlugins.copyInto(protocols, "stuck");
        TestServer stuckServer = TestServer.start(protocols, "  protocols:\n    stuck:\n      release-property: " + release
                + "\n");
        try (LogCapture log = LogCapture.of("switchboard.protocol.stuck")) {
            CompletableFuture<WebSocket> blocked = HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols("stuck")
                    .buildAsync(URI.create(stuckServer.ws() + "?block"), new WebSocket.Listener() { });
            log.await(Level.INFO, message -> message.equals("hook blocks"));

            // The hook runs on its handshake's own thread: other handshakes, of the same protocol too, go on.
            try (TestClient other = TestClient.connect(stuckServer.ws(), "stuck");
                 TestClient echo = TestClient.connect(stuckServer.ws(), "echo")) {
                assertThat(other.ask("hi"), is("stuck:hi"));
                assertThat(echo.ask("hi"), is("hi"));
            }
            assertThat("the blocked handshake is still waiting", blocked.isDone(), is(false));

            Thread stopper = Thread.ofPlatform().daemon().name("stop-stuck").start(stuckServer::close);
            assertThat("stop returned while the hook is still blocked", stopper.join(STOP_BOUND), is(true));
        } finally {
            System.setProperty(release, "true");
            stuckServer.close();
        }
    }

    private static URI uri(String query) {
        return URI.create(server.ws() + query);
    }

    // The answer to a handshake the JDK client saw refused.
    private static HttpResponse<?> refusal(String protocol, String query) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                                                  () -> TestClient.connect(uri(query), protocol).close());
        assertThat(failure.getCause(), instanceOf(WebSocketHandshakeException.class));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse();
    }

    private static int[] stats(String text) {
        // "accept=N open=M loader=B"
        String[] parts = text.split("[= ]");
        if (parts.length != 6 || !parts[0].equals("accept") || !parts[2].equals("open") || !parts[4].equals("loader")) {
            throw new AssertionError("not stats: " + text);
        }
        assertThat("accept runs with the plugin's class loader as context class loader", parts[5], is("true"));
        return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[3])};
    }

    // The session count of GET /protocols follows open and close a moment later: waits for it, boundedly.
    private static void awaitSessions(String protocol, int expected) throws Exception {
        String entry = entry(protocol);
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (!entry.contains("\"sessions\":" + expected + "}") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            entry = entry(protocol);
        }
        assertThat(entry, containsString("\"sessions\":" + expected + "}"));
    }

    private static String entry(String protocol) throws Exception {
        return Plugins.entryOfJar(protocolList(server), protocol + ".jar");
    }
}
