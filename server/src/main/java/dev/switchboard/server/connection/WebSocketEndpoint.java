package dev.switchboard.server.connection;

import dev.switchboard.server.handshake.SubprotocolNegotiation;
import dev.switchboard.server.runtime.ProtocolCatalog;

import io.helidon.webserver.websocket.WsRouting;

/**
 * The WebSocket route of the server: one path, one {@link ConnectionListener} per connection.
 */
public final class WebSocketEndpoint {

    private WebSocketEndpoint() {
    }

    /**
     * Builds the WebSocket routing.
     *
     * @param path            the WebSocket path
     * @param catalog         the running protocols
     * @param negotiation     the subprotocol negotiation
     * @param maxMessageBytes the largest message a client may send
     * @param queueLimitBytes the bound of each session's outbound queue
     * @return the routing
     */
    public static WsRouting.Builder routing(String path,
                                            ProtocolCatalog catalog,
                                            SubprotocolNegotiation negotiation,
                                            int maxMessageBytes,
                                            long queueLimitBytes) {
        SessionIds ids = new SessionIds();
        return WsRouting.builder()
                .endpoint(path, () -> new ConnectionListener(catalog, negotiation, ids, maxMessageBytes,
                                                             queueLimitBytes));
    }
}
