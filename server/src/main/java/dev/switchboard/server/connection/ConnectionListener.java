package dev.switchboard.server.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.handshake.SubprotocolNegotiation;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.runtime.ProtocolRuntime;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import static dev.switchboard.server.handshake.HandshakeFilter.SEC_WEBSOCKET_PROTOCOL;

/**
 * Helidon's listener for one WebSocket connection: negotiates the subprotocol at the upgrade, then turns Helidon's
 * events into the protocol's session and handler calls.
 */
final class ConnectionListener implements WsListener {

    private final ProtocolCatalog catalog;
    private final SubprotocolNegotiation negotiation;
    private final SessionIds ids;
    private final MessageAssembler assembler;

    private final long queueLimitBytes;

    private ProtocolRuntime runtime;
    private HttpPrologue prologueAtUpgrade;
    private Headers headersAtUpgrade;
    private List<String> offered;
    private ConnectionSession session;

    ConnectionListener(ProtocolCatalog catalog,
                       SubprotocolNegotiation negotiation,
                       SessionIds ids,
                       int maxMessageBytes,
                       long queueLimitBytes) {
        this.catalog = catalog;
        this.negotiation = negotiation;
        this.ids = ids;
        this.assembler = new MessageAssembler(maxMessageBytes);
        this.queueLimitBytes = queueLimitBytes;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        List<String> offerLines = headers.values(SEC_WEBSOCKET_PROTOCOL);
        // HandshakeFilter already refused handshakes without a match with a descriptive 400, and the catalog
        // does not change while the server runs, so the negotiation cannot fail here.
        if (!(negotiation.negotiate(offerLines) instanceof SubprotocolNegotiation.Outcome.Accepted accepted)) {
            throw new WsUpgradeException("No served subprotocol offered");
        }
        runtime = catalog.find(accepted.protocol()).orElseThrow();
        prologueAtUpgrade = prologue;
        headersAtUpgrade = headers;
        offered = SubprotocolNegotiation.offered(offerLines);
        if (!accepted.echo()) {
            return Optional.empty();
        }
        WritableHeaders<?> response = WritableHeaders.create();
        response.set(SEC_WEBSOCKET_PROTOCOL, accepted.protocol());
        return Optional.of(response);
    }

    @Override
    public void onOpen(WsSession ws) {
        HandshakeRequest handshake = HandshakeRequest.from(prologueAtUpgrade, headersAtUpgrade, offered, remoteAddress(ws));
        session = new ConnectionSession(ids.next(), runtime.name(), runtime, handshake, ws, queueLimitBytes);
        session.open();
    }

    @Override
    public void onMessage(WsSession ws, String text, boolean last) {
        try {
            String whole = assembler.text(text, last);
            if (whole != null) {
                session.deliverText(whole);
            }
        } catch (MessageTooBigException e) {
            session.close(CloseStatus.MESSAGE_TOO_BIG.withReason(e.getMessage()));
        }
    }

    @Override
    public void onMessage(WsSession ws, BufferData buffer, boolean last) {
        try {
            ByteBuffer whole = assembler.binary(buffer, last);
            if (whole != null) {
                session.deliverBinary(whole);
            }
        } catch (MessageTooBigException e) {
            session.close(CloseStatus.MESSAGE_TOO_BIG.withReason(e.getMessage()));
        }
    }

    @Override
    public void onPing(WsSession ws, BufferData buffer) {
        ws.pong(buffer);
    }

    @Override
    public void onClose(WsSession ws, int status, String reason) {
        if (session != null) {
            session.closedByPeer(status, reason);
        }
    }

    @Override
    public void onError(WsSession ws, Throwable t) {
        if (session != null) {
            session.failed(t);
        }
    }

    private static InetSocketAddress remoteAddress(WsSession ws) {
        SocketAddress address = ws.socketContext().remotePeer().address();
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        return InetSocketAddress.createUnresolved(ws.socketContext().remotePeer().host(),
                                                  ws.socketContext().remotePeer().port());
    }
}
