package dev.switchboard.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The root path serves the HTML page to plain GETs and upgrades WebSocket handshakes.
 */
class PageAndWebSocketOnOnePathTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void plainGetOfTheRootReturnsTheHtmlPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(server.http("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("text/html"));
        assertThat(response.body(), containsString("<html"));
        assertThat(response.body(), containsString("Switchboard"));
        assertThat("revalidated on every load", response.headers().firstValue("Cache-Control").orElse(""),
                   is("no-cache"));
        assertThat(response.headers().firstValue("X-Content-Type-Options").orElse(""), is("nosniff"));
    }

    @Test
    void theProtocolListIsNeverCached() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(server.http("/protocols")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().allValues("Cache-Control"), is(List.of("no-store")));
    }

    @Test
    void webSocketHandshakeOnTheRootIsUpgraded() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
            assertThat(client.subprotocol(), is("reverse"));
            assertThat(client.ask("page"), is("egap"));
        }
    }
}
