package dev.switchboard.testplugins.laggard;

import java.nio.ByteBuffer;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code laggard}: binary messages are only counted; text is answered with {@code received <bytes>}, the
 * binary bytes the session has received so far, after a 3 s pause if the text is {@code hold}.
 */
public final class LaggardFactory extends TestProtocolFactory {

    private static final long HOLD_MILLIS = 3000;

    public LaggardFactory() {
        super("laggard", context -> session -> new MessageHandler() {
            private long received;

            @Override
            public void onText(String text) {
                if (text.equals("hold")) {
                    try {
                        Thread.sleep(HOLD_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                session.send("received " + received);
            }

            @Override
            public void onBinary(ByteBuffer data) {
                received += data.remaining();
            }
        });
    }
}
