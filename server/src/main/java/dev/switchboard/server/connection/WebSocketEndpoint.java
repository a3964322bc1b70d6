package dev.switchboard.server.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.server.config.ConnectionSettings;
import dev.switchboard.server.handshake.HandshakeCheck;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.runtime.ProtocolRuntime;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * The server's WebSocket endpoint: takes the handshakes that {@link HandshakeCheck} accepts, asks the chosen
 * protocol whether it accepts them too, answers with 101 (or the protocol's refusal), and serves each connection
 * with a {@link WebSocketConnection}.
 */
public final class WebSocketEndpoint implements AutoCloseable {

    private final HandshakeCheck check;
    private final ProtocolCatalog catalog;
    private final ConnectionSettings settings;
    private final ConnectionSupervisor supervisor;
    private final AtomicLong sessionIds = new AtomicLong();

    /**
     * Creates the endpoint and starts its connection supervisor.
     *
     * @param check    the handshake rules
     * @param catalog  the running protocols
     * @param settings sizes, timeouts and keepalive
     */
    public WebSocketEndpoint(HandshakeCheck check, ProtocolCatalog catalog, ConnectionSettings settings) {
        this.check = check;
        this.catalog = catalog;
        this.settings = settings;
        this.supervisor = new ConnectionSupervisor(settings);
    }

    /**
     * Upgrades a request to a WebSocket connection, if it is a handshake this endpoint accepts.
     *
     * @param ctx      the TCP connection
     * @param prologue the request line
     * @param headers  the request headers
     * @return the connection, or {@code null} to let the request go through HTTP routing, where
     *         {@link dev.switchboard.server.handshake.HandshakeFilter} explains a refusal
     */
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, Headers headers) {
        if (!(check.check(prologue.method(), prologue.uriPath().path(), headers, ctx.isSecure()).orElse(null)
                instanceof HandshakeCheck.Verdict.Accept accept)) {
            return null;
        }
        ProtocolRuntime runtime = catalog.find(accept.protocol()).orElseThrow();
        HandshakeRequest handshake = HandshakeRequest.from(prologue, headers, accept.offered(), remoteAddress(ctx));
        HandshakeDecision decision = runtime.accept(handshake);
        if (!decision.isAccepted()) {
            return new HandshakeRefusal(ctx, runtime.name(), decision);
        }
        StringBuilder response = new StringBuilder(160)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(accept.acceptKey()).append("\r\n");
        if (accept.echo()) {
            response.append("Sec-WebSocket-Protocol: ").append(accept.protocol()).append("\r\n");
        }
        response.append("\r\n");
        ctx.dataWriter().writeNow(BufferData.create(response.toString().getBytes(StandardCharsets.US_ASCII)));
        return new WebSocketConnection(ctx, "s" + sessionIds.incrementAndGet(), runtime, handshake,
                                       decision.attachment(), settings, supervisor);
    }

    /** Stops the connection supervisor. */
    @Override
    public void close() {
        supervisor.close();
    }

    private static InetSocketAddress remoteAddress(ConnectionContext ctx) {
        SocketAddress address = ctx.remotePeer().address();
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        return InetSocketAddress.createUnresolved(ctx.remotePeer().host(), ctx.remotePeer().port());
    }
}
