package dev.switchboard.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NegotiationTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void firstServedProtocolInTheOfferWins() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "nope", "reverse")) {
            assertThat(client.subprotocol(), is("reverse"));
            assertThat(client.ask("abc"), is("cba"));
        }
    }

    @Test
    void clientOrderWinsOverServerOrder() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "dumb-increment-protocol", "reverse")) {
            assertThat(client.subprotocol(), is("dumb-increment-protocol"));
            assertThat(client.nextText(), is("0"));
        }
        try (TestClient client = TestClient.connect(server.ws(), "reverse", "dumb-increment-protocol")) {
            assertThat(client.subprotocol(), is("reverse"));
        }
    }

    @Test
    void unknownProtocolsAreRefusedWith400ListingTheAvailableOnes() throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                                                  () -> TestClient.connect(server.ws(), "nope", "nada"));
        assertThat(failure.getCause(), instanceOf(WebSocketHandshakeException.class));
        HttpResponse<?> response = ((WebSocketHandshakeException) failure.getCause()).getResponse();
        assertThat(response.statusCode(), is(400));
        String body = String.valueOf(response.body());
        assertThat(body, containsString("nope, nada"));
        assertThat(body, containsString("reverse"));
        assertThat(body, containsString("dumb-increment-protocol"));
    }

    @Test
    void protocolListIsServedAsJson() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(server.http("/protocols")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        assertThat(response.body(), containsString("\"name\":\"reverse\""));
        assertThat(response.body(), containsString("\"state\":\"loaded\""));
    }

}
