package dev.switchboard.testplugins.shout;

import java.util.Locale;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code shout}, version 2.3.4: answers every text in upper case. A protocol the server and the page know
 * nothing about.
 */
public final class ShoutFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "shout";
    }

    @Override
    public String version() {
        return "2.3.4";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                session.send(text.toUpperCase(Locale.ROOT));
            }
        };
    }
}
