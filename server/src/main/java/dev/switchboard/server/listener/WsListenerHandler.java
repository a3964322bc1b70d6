package dev.switchboard.server.listener;

import java.nio.ByteBuffer;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;

/**
 * The events of one connection, handed to a listener: whole messages as {@code onMessage(session, message, true)},
 * the close event as {@code onClose(session, code, reason)}, exactly once and last, whatever ended the session (on
 * Helidon's own connection a broken connection or a protocol error skips it). A listener call that throws is reported
 * to the listener's {@code onError}, as Helidon does, and then ends the session with 1011.
 */
final class WsListenerHandler implements MessageHandler {

    private final WsListener listener;
    private final HelidonWsSession session;

    WsListenerHandler(WsListener listener, HelidonWsSession session) {
        this.listener = listener;
        this.session = session;
    }

    /**
     * The open event: {@code onOpen}.
     */
    void open() {
        call(() -> listener.onOpen(session));
    }

    @Override
    public void onText(String text) {
        call(() -> listener.onMessage(session, text, true));
    }

    @Override
    public void onBinary(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        call(() -> listener.onMessage(session, BufferData.create(bytes), true));
    }

    @Override
    public void onClose(CloseStatus status) {
        listener.onClose(session, status.code(), status.reason());
    }

    // The failure still propagates: the server logs and counts it, and closes the session with 1011.
    private void call(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            try {
                listener.onError(session, e);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }
}
