package dev.switchboard.testplugins.quitter;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code quitter}: a text is an exit status, and the handler calls {@code System.exit} with it.
 */
public final class QuitterFactory extends TestProtocolFactory {

    public QuitterFactory() {
        super("quitter", context -> session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                System.exit(Integer.parseInt(text));
            }
        });
    }
}
