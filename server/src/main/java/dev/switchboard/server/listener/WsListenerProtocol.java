package dev.switchboard.server.listener;

import java.util.List;
import java.util.Optional;

import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsUpgradeException;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.server.channel.ChannelMember;

/**
 * A protocol served by one Helidon listener instance, shared by all of its connections as a listener registered with
 * {@code WsRouting.builder().endpoint(path, listener)} is: per-connection state belongs in a map keyed by the
 * {@code WsSession}, and the listener is called from several threads at once, one call at a time per connection.
 *
 * @param name              the subprotocol, the name of the YAML block that names the listener
 * @param listener          the listener
 * @param partialLimitBytes the largest message the listener may send in parts, in bytes
 */
record WsListenerProtocol(String name, WsListener listener, long partialLimitBytes) implements Protocol {

    // What Helidon answers to a WsUpgradeException: 400.
    private static final int UPGRADE_REFUSED = 400;
    private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    /**
     * Asks the listener's {@code onHttpUpgrade}: the headers it returns go on the 101 response; a
     * {@code WsUpgradeException} refuses the handshake with 400 and the exception's message as reason. The
     * {@code Sec-WebSocket-Protocol} header is the server's: a listener may return the negotiated subprotocol (Helidon
     * listeners do), which the server sends anyway, but another one is a fault of the listener (500).
     */
    @Override
    public HandshakeDecision accept(Handshake handshake) {
        Optional<Headers> response;
        try {
            response = listener.onHttpUpgrade(UpgradeRequest.prologue(handshake), UpgradeRequest.headers(handshake));
        } catch (WsUpgradeException e) {
            return HandshakeDecision.refuse(UPGRADE_REFUSED, reason(e));
        }
        HandshakeDecision decision = HandshakeDecision.accept();
        for (Header header : response.orElseGet(WritableHeaders::create)) {
            if (header.name().equalsIgnoreCase(SUBPROTOCOL_HEADER)) {
                requireNegotiated(header);
            } else {
                // One line per value: Set-Cookie lines cannot be joined with commas.
                for (String value : header.allValues()) {
                    decision = decision.addHeader(header.name(), value);
                }
            }
        }
        return decision;
    }

    @Override
    public MessageHandler open(Session session) {
        if (!(session instanceof ChannelMember serverSession)) {
            throw new IllegalArgumentException("Not a session of the server: " + session);
        }
        WsListenerHandler handler = new WsListenerHandler(listener, new HelidonWsSession(serverSession,
                                                                                         partialLimitBytes));
        handler.open();
        return handler;
    }

    private void requireNegotiated(Header header) {
        if (!header.allValues().equals(List.of(name))) {
            throw new IllegalStateException("Listener " + listener.getClass().getName() + " answered subprotocol "
                    + header.allValues() + ", but the server negotiated '" + name + "'");
        }
    }

    // A refusal's reason is one line of the response body.
    private static String reason(WsUpgradeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "Upgrade refused" : message.replaceAll("[\\r\\n]+", " ");
    }
}
