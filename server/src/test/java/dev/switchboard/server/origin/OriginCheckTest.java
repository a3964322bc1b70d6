package dev.switchboard.server.origin;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;

import dev.switchboard.server.handshake.HandshakeFilter;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code Origin} check on a real server: a page of the server itself, an origin the list allows exactly or by
 * pattern, a protocol that allows every origin, and a client without {@code Origin} get in; another site, a near miss
 * of a pattern and {@code null} get 403 naming the origin and the key, and one log line.
 */
class OriginCheckTest {

    private static final String ALLOWED = """
              allowed-origins: ["https://app.example.com", "https://*.example.org"]
              protocols:
                reverse:
                  allowed-origins: ["*"]
                dumb-increment-protocol:
                  allowed-origins: []
            """;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml(ALLOWED);

    @Test
    void aPageOfTheServerItselfGetsIn() throws Exception {
        assertEchoes(Map.of("Origin", "http://127.0.0.1:" + server.port()), "echo");
    }

    // The browser page opened as http://localhost:PORT sends that Host and that Origin.
    @Test
    void aPageOpenedUnderAnotherNameOfTheServerGetsIn() throws Exception {
        FrameClient client = handshake("localhost:" + server.port(), "http://localhost:" + server.port(), "echo");
        try (client) {
            assertThat(client.body(), client.status(), is(101));
        }
    }

    @Test
    void aPageUnderOneNameOfTheServerConnectingToAnotherIsRefused() throws Exception {
        try (FrameClient client = handshake("127.0.0.1:" + server.port(), "http://localhost:" + server.port(),
                                            "echo")) {
            assertThat(client.status(), is(403));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "https://www.example.org", "https://shop.example.org"})
    void anOriginTheListAllowsGetsIn(String origin) throws Exception {
        assertEchoes(Map.of("Origin", origin), "echo");
    }

    @Test
    void aClientWithoutOriginGetsIn() throws Exception {
        assertEchoes(Map.of(), "echo");
    }

    @Test
    void anotherSiteGets403NamingTheOriginAndTheKeyAndOneLogLine() throws Exception {
        try (LogCapture log = LogCapture.of(HandshakeFilter.class.getName())) {
            HttpResponse<?> refused = refusal("https://evil.example", "echo");

            assertThat(refused.statusCode(), is(403));
            assertThat(String.valueOf(refused.body()), allOf(containsString("https://evil.example"),
                                                             containsString("switchboard.allowed-origins")));
            String line = log.await(Level.INFO, message -> message.contains("https://evil.example"));
            assertThat(line, allOf(containsString("echo"), containsString("switchboard.allowed-origins")));
            // Nothing else is expected: a second line would come right after the first.
            Thread.sleep(200);
            assertThat("one line per refusal", log.messages(), hasSize(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org", "https://evil-example.org", "https://example.org.evil.net",
                            "https://a.b.example.org", "http://www.example.org", "https://app.example.com:8443"})
    void nearMissesOfTheListAreRefused(String origin) throws Exception {
        assertThat(refusal(origin, "echo").statusCode(), is(403));
    }

    @Test
    void theNullOriginIsRefusedEvenWhereEveryOtherOriginIsAllowed() throws Exception {
        assertEchoes(Map.of("Origin", "https://evil.example"), "reverse");

        HttpResponse<?> refused = refusal("null", "reverse");

        assertThat(refused.statusCode(), is(403));
        assertThat(String.valueOf(refused.body()),
                   containsString("add \"null\" to switchboard.protocols.reverse.allowed-origins"));
    }

    @Test
    void aProtocolsOwnListReplacesTheServers() throws Exception {
        HttpResponse<?> refused = refusal("https://app.example.com", "dumb-increment-protocol");

        assertThat(refused.statusCode(), is(403));
        assertThat(String.valueOf(refused.body()),
                   containsString("switchboard.protocols.dumb-increment-protocol.allowed-origins"));
        try (TestClient client = TestClient.connect(server.ws(), Map.of("Origin", "http://127.0.0.1:" + server.port()),
                                                    "dumb-increment-protocol")) {
            assertThat(client.nextText(), is("0"));
        }
    }

    @Test
    void theBrowserPageIsServedAsBefore() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.http("/")).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode(), is(200));
        assertThat(page.body(), containsString("<html"));
    }

    private static void assertEchoes(Map<String, String> headers, String protocol) throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), headers, protocol)) {
            client.send("hello");
            assertThat(client.nextText(), is(protocol.equals("reverse") ? "olleh" : "hello"));
        }
    }

    private static HttpResponse<?> refusal(String origin, String protocol) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                                                  () -> TestClient.connect(server.ws(), Map.of("Origin", origin),
                                                                           protocol));
        assertThat(failure.getCause(), instanceOf(WebSocketHandshakeException.class));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse();
    }

    // A handshake written by hand, for the Host header the JDK client will not let a test choose.
    private static FrameClient handshake(String host, String origin, String protocol) throws Exception {
        String key = UpgradeRequest.newKey();
        String request = UpgradeRequest.request(server.port(), "/", key, List.of(protocol))
                .replace("Host: 127.0.0.1:" + server.port() + "\r\n",
                         "Host: " + host + "\r\nOrigin: " + origin + "\r\n");
        return FrameClient.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), key);
    }
}
