package dev.switchboard.server;

import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Handshakes without a {@code Sec-WebSocket-Protocol} header, on a server without and on one with a default
 * protocol.
 */
class NegotiationWithoutOfferTest {

    @RegisterExtension
    static final SwitchboardServer noDefault = SwitchboardServer.withBuiltIns();
    @RegisterExtension
    static final SwitchboardServer reverseByDefault = SwitchboardServer.withBuiltIns()
            .yaml("  default-protocol: reverse\n");

    @Test
    void noOfferAndNoDefaultIsRefusedWith400ListingTheAvailableProtocols() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(noDefault.port(), "/", List.of())) {
            assertThat(handshake.status(), is(400));
            assertThat(handshake.header("Content-Type").orElse(""), startsWith("text/plain"));
            assertThat(handshake.body(), containsString("no subprotocol"));
            assertThat(handshake.body(), containsString("reverse"));
            assertThat(handshake.body(), containsString("dumb-increment-protocol"));
        }
    }

    @Test
    void noOfferWithADefaultIsAcceptedWithoutNamingTheProtocolInThe101() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(reverseByDefault.port(), "/", List.of())) {
            assertThat(handshake.status(), is(101));
            assertThat(handshake.headers("Sec-WebSocket-Protocol"), is(empty()));
        }
    }

    @Test
    void noOfferWithADefaultGetsASessionOfTheDefaultProtocol() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(reverseByDefault.port(), "/", List.of())) {
            handshake.sendText("abc");
            assertThat(handshake.readText(), is("cba"));
        }
        // A client that checks the 101 strictly, as browsers do, accepts it too.
        try (TestClient client = TestClient.connect(reverseByDefault.ws())) {
            assertThat(client.subprotocol(), is(""));
            assertThat(client.ask("Hello"), is("olleH"));
        }
    }

    @Test
    void anExplicitOfferStillWinsOverTheDefaultAndIsNamedInThe101() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(reverseByDefault.port(), "/",
                                                           List.of("dumb-increment-protocol"))) {
            assertThat(handshake.status(), is(101));
            assertThat(handshake.headers("Sec-WebSocket-Protocol"), is(List.of("dumb-increment-protocol")));
            assertThat(handshake.readText(), is("0"));
        }
    }
}
