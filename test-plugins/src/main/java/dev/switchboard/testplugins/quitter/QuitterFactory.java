package dev.switchboard.testplugins.quitter;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code quitter}: a text is an exit status, and the handler calls {@code System.exit} with it.
 */
public final class QuitterFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "quitter";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                System.exit(Integer.parseInt(text));
            }
        };
    }
}
