package dev.switchboard.server;

import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * An offer spread over several {@code Sec-WebSocket-Protocol} header lines is one offer, in line order
 * (RFC 6455 section 11.3.4 allows the header more than once).
 */
class RepeatedProtocolHeaderTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void firstServedProtocolAcrossHeaderLinesWins() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(server.port(), "/",
                                                           List.of("nope", "reverse, dumb-increment-protocol"))) {
            assertThat(handshake.status(), is(101));
            assertThat(handshake.headers("Sec-WebSocket-Protocol"), is(List.of("reverse")));
            handshake.sendText("abc");
            assertThat(handshake.readText(), is("cba"));
        }
    }

    @Test
    void lineOrderIsOfferOrder() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(server.port(), "/",
                                                           List.of("nope", "dumb-increment-protocol", "reverse"))) {
            assertThat(handshake.status(), is(101));
            assertThat(handshake.headers("Sec-WebSocket-Protocol"), is(List.of("dumb-increment-protocol")));
            assertThat(handshake.readText(), is("0"));
        }
    }

    @Test
    void anOfferWithNothingServedOnAnyLineIsRefusedNamingEveryOfferedProtocol() throws Exception {
        try (FrameClient handshake = FrameClient.upgrade(server.port(), "/", List.of("nope", "nada, zilch"))) {
            assertThat(handshake.status(), is(400));
            assertThat(handshake.body(), containsString("nope, nada, zilch"));
            assertThat(handshake.body(), containsString("reverse"));
        }
    }
}
