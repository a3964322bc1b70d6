package dev.switchboard.testplugins.helidonprobe;

import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * A Helidon {@code WsListener} that tells which classes a listener jar can see: a text names a class and is answered
 * {@code visible} if the listener's class loader finds it, else {@code hidden}. No options: a Helidon listener is not
 * given Switchboard's configuration.
 */
public class ProbeListener implements WsListener {

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        try {
            Class.forName(text, false, getClass().getClassLoader());
            session.send("visible", true);
        } catch (ClassNotFoundException e) {
            session.send("hidden", true);
        }
    }
}
