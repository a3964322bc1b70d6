package dev.switchboard.server.accept;

import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Hears from Helidon's HTTP/1.1 layer when a request's headers are in, before the request is routed or upgraded: from
 * then on the connection is past its handshake, and the handshake timeout no longer applies to it. A slow request body
 * or a quiet WebSocket session is left to the timeouts of what follows.
 */
public final class RequestArrival implements Http1ConnectionListener {

    private final AcceptedConnections connections;

    /**
     * Creates the listener.
     *
     * @param connections the connections whose deadlines it lifts
     */
    public RequestArrival(AcceptedConnections connections) {
        this.connections = connections;
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        connections.requestReceived(ctx.localPeer().address(), ctx.remotePeer().address());
    }
}
