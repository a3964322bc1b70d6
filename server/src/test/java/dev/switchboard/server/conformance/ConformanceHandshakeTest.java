package dev.switchboard.server.conformance;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.conformance.Conformance.READ_TIMEOUT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * The server's side of the opening handshake (RFC 6455 section 4.2): header values compared as the RFC says, requests
 * that are not a version-13 GET upgrade refused, and frames the client sends right behind its request not lost.
 */
class ConformanceHandshakeTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @ParameterizedTest(name = "Upgrade: {0}")
    @ValueSource(strings = {"WebSocket", "WEBSOCKET"})
    void theUpgradeValueIsMatchedCaseInsensitively(String upgrade) throws Exception {
        assertEchoSessionFor(request(UpgradeRequest.newKey()).replace("Upgrade: websocket", "Upgrade: " + upgrade));
    }

    @Test
    void aConnectionHeaderListingUpgradeAmongOtherTokensIsAccepted() throws Exception {
        // Firefox sends "Connection: keep-alive, Upgrade".
        assertEchoSessionFor(request(UpgradeRequest.newKey())
                                     .replace("Connection: Upgrade", "Connection: keep-alive, upgrade"));
    }

    @Test
    void aRequestWithoutSecWebSocketKeyIsRefusedWithA4xx() throws Exception {
        String key = UpgradeRequest.newKey();
        String request = request(key).replace("Sec-WebSocket-Key: " + key + "\r\n", "");
        try (FrameClient client = FrameClient.exchange(server.port(), ascii(request), null)) {
            assertThat(client.status(), allOf(greaterThanOrEqualTo(400), lessThan(500)));
        }
    }

    @Test
    void anUnsupportedVersionIsRefusedWith426NamingVersion13() throws Exception {
        String key = UpgradeRequest.newKey();
        String request = request(key).replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        try (FrameClient client = FrameClient.exchange(server.port(), ascii(request), key)) {
            // RFC 6455 section 4.4 names 426 as an example of "an appropriate HTTP error code"; 400 is common too.
            assertThat(client.status(), anyOf(is(426), is(400)));
            List<String> versions = client.headers("Sec-WebSocket-Version").stream()
                    .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).toList();
            assertThat(versions, hasItem("13"));
        }
    }

    @Test
    void aRepeatedSecWebSocketKeyIsRefusedWith400() throws Exception {
        String key = UpgradeRequest.newKey();
        String request = request(key).replace("Sec-WebSocket-Key: " + key + "\r\n",
                                              "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Key: "
                                                      + UpgradeRequest.newKey() + "\r\n");
        assertRefusedWith400Naming("Sec-WebSocket-Key", request, key);
    }

    @Test
    void aRepeatedSecWebSocketVersionIsRefusedWith400() throws Exception {
        String key = UpgradeRequest.newKey();
        String request = request(key).replace("Sec-WebSocket-Version: 13\r\n",
                                              "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13\r\n");
        assertRefusedWith400Naming("Sec-WebSocket-Version", request, key);
    }

    @Test
    void aPostWithUpgradeHeadersIsNotUpgraded() throws Exception {
        String key = UpgradeRequest.newKey();
        String request = request(key).replace("GET / ", "POST / ")
                .replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n");
        try (FrameClient client = FrameClient.exchange(server.port(), ascii(request), key)) {
            assertThat(client.status(), not(is(101)));
        } catch (EOFException closedWithoutAnswer) {
            // Dropping the connection is a refusal too.
        }
    }

    @Test
    void aFrameSentInTheSameWriteAsTheRequestIsEchoed() throws Exception {
        String key = UpgradeRequest.newKey();
        byte[] requestAndFrame = OutboundFrame.concat(ascii(request(key)), OutboundFrame.text("right behind").bytes());
        try (FrameClient client = FrameClient.exchange(server.port(), requestAndFrame, key).timeout(READ_TIMEOUT)) {
            assertThat(client.status(), is(101));
            assertThat(client.readText(), is("right behind"));
        }
    }

    @Test
    void severalFramesSentInTheSameWriteAsTheRequestAreEchoedInOrder() throws Exception {
        String key = UpgradeRequest.newKey();
        byte[] requestAndFrames = OutboundFrame.concat(ascii(request(key)), OutboundFrame.text("one").bytes(),
                                         OutboundFrame.text("tw").fin(false).bytes(),
                                         OutboundFrame.frame(FrameClient.CONTINUATION, "o").bytes());
        try (FrameClient client = FrameClient.exchange(server.port(), requestAndFrames, key).timeout(READ_TIMEOUT)) {
            assertThat(client.status(), is(101));
            assertThat(client.readText(), is("one"));
            assertThat(client.readText(), is("two"));
        }
    }

    // A repeated header is refused with 400 and a body that names it.
    private static void assertRefusedWith400Naming(String header, String request, String key) throws IOException {
        try (FrameClient client = FrameClient.exchange(server.port(), ascii(request), key)) {
            assertThat(client.status(), is(400));
            assertThat(client.body(), containsString(header));
        }
    }

    private static void assertEchoSessionFor(String request) throws Exception {
        String key = request.lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                .substring("Sec-WebSocket-Key: ".length());
        try (FrameClient client = FrameClient.exchange(server.port(), ascii(request), key).timeout(READ_TIMEOUT)) {
            assertThat(client.status(), is(101));
            assertThat(client.headers("Sec-WebSocket-Protocol"), is(List.of("echo")));
            client.sendText("works");
            assertThat(client.readText(), is("works"));
        }
    }

    private static String request(String key) {
        return UpgradeRequest.request(server.port(), "/", key, List.of("echo"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
