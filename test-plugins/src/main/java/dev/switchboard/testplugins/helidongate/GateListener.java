package dev.switchboard.testplugins.helidongate;

import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

/**
 * A Helidon {@code WsListener} that negotiates in {@code onHttpUpgrade}, as Helidon's own WebSocket tests do: a
 * handshake without header {@code X-Token} is refused with {@code WsUpgradeException("token required")}; one with it
 * is accepted with {@code Sec-WebSocket-Protocol: gate}. An opened session is told
 * {@code <method> <path> <raw query> from <peer host>}. No options: a Helidon listener is not given Switchboard's
 * configuration.
 */
public class GateListener implements WsListener {

    private static final HeaderName TOKEN = HeaderNames.create("X-Token");
    private static final HeaderName PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        if (!headers.contains(TOKEN)) {
            throw new WsUpgradeException("token required");
        }
        WritableHeaders<?> upgradeHeaders = WritableHeaders.create();
        upgradeHeaders.set(PROTOCOL, "gate");
        return Optional.of(upgradeHeaders);
    }

    @Override
    public void onOpen(WsSession session) {
        HttpPrologue prologue = session.prologue();
        String peer = session.socketContext().remotePeer().host();
        session.send(prologue.method().text() + " " + prologue.uriPath().path() + " " + prologue.query().rawValue()
                             + " from " + peer, true);
    }
}
