package dev.switchboard.server.connection;

import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Optional;

import dev.switchboard.server.Main;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.handshake.HandshakeCheck;
import dev.switchboard.server.handshake.SubprotocolNegotiation;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.TestServer;

import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ways out of an upgrade that no socket test reaches on purpose: the 101 response fails to be written, and Helidon
 * closes an upgraded connection without ever running it (a server stopping in between). Either way the session slot
 * comes back. Driven on the endpoint itself, with one slot, on a connection whose writer a test controls.
 */
class WebSocketEndpointSlotTest {

    @TempDir
    Path tempDir;

    private ProtocolCatalog catalog;
    private WebSocketEndpoint endpoint;

    @BeforeEach
    void oneSlot() {
        Path protocols = TestServer.protocolsDirWithBuiltIns(tempDir);
        SwitchboardConfig config = SwitchboardConfig.from(
                TestServer.config(TestServer.yaml(protocols, "  max-sessions: 1\n")), Main.home());
        catalog = ProtocolCatalog.start(config);
        HandshakeCheck check = new HandshakeCheck(config.path(),
                                                  new SubprotocolNegotiation(name -> catalog.find(name).isPresent(),
                                                                             Optional.empty()),
                                                  catalog.names(), config::originPolicy);
        endpoint = new WebSocketEndpoint(check, catalog, config);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        catalog.stop();
    }

    @Test
    void aHandshakeWhose101CannotBeWrittenGivesItsSlotBack() {
        assertThrows(UncheckedIOException.class, () -> upgrade(true));

        ServerConnection upgraded = upgrade(false);

        assertThat(upgraded, instanceOf(SlotHoldingConnection.class));
        assertThat("the one slot is taken now", upgrade(false), instanceOf(HandshakeRefusal.class));
    }

    @Test
    void aConnectionClosedBeforeItRanGivesItsSlotBack() {
        ServerConnection upgraded = upgrade(false);
        assertThat(upgrade(false), instanceOf(HandshakeRefusal.class));

        upgraded.close(true);

        assertThat(upgrade(false), instanceOf(SlotHoldingConnection.class));
    }

    private ServerConnection upgrade(boolean writeFails) {
        WritableHeaders<?> headers = WritableHeaders.create()
                .add(HeaderNames.HOST, "127.0.0.1:9000")
                .add(HeaderNames.UPGRADE, "websocket")
                .add(HeaderNames.CONNECTION, "Upgrade")
                .add(HeaderNames.create("Sec-WebSocket-Key"), FrameClient.newKey())
                .add(HeaderNames.create("Sec-WebSocket-Version"), "13")
                .add(HeaderNames.create("Sec-WebSocket-Protocol"), "echo");
        HttpPrologue prologue = HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET, "/", false);
        return endpoint.upgrade(connection(writeFails), prologue, headers);
    }

    // Only what an upgrade touches: the peer, TLS or not, and the writer.
    private static ConnectionContext connection(boolean writeFails) {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        PeerInfo peerInfo = proxy(PeerInfo.class, method -> switch (method) {
            case "address" -> peer;
            case "host" -> "127.0.0.1";
            case "port" -> 40000;
            default -> null;
        });
        DataWriter writer = proxy(DataWriter.class, method -> {
            if (writeFails && method.startsWith("write")) {
                throw new UncheckedIOException(new SocketException("Connection reset"));
            }
            return null;
        });
        return proxy(ConnectionContext.class, method -> switch (method) {
            case "remotePeer" -> peerInfo;
            case "isSecure" -> false;
            case "dataWriter" -> writer;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                                                (self, method, args) -> answer.answer(method.getName())));
    }
}
