package dev.switchboard.testplugins.shout;

import java.util.Locale;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code shout}, version 2.3.4: answers every text in upper case. A protocol the server and the page know
 * nothing about.
 */
public final class ShoutFactory extends TestProtocolFactory {

    public ShoutFactory() {
        super("shout", "2.3.4", context -> session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                session.send(text.toUpperCase(Locale.ROOT));
            }
        });
    }
}
