package dev.switchboard.testplugins.helidonecho;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * The echo listener of Helidon's WebSocket documentation, unmodified: a plain {@code io.helidon.websocket.WsListener}
 * that knows nothing of Switchboard, served under the subprotocol whose block names it with
 * {@code listener: dev.switchboard.testplugins.helidonecho.EchoService}. Echoes text and binary, part by part. No
 * options: a Helidon listener is not given Switchboard's configuration.
 */
public class EchoService implements WsListener {

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        session.send(text, last);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        session.send(buffer, last);
    }
}
