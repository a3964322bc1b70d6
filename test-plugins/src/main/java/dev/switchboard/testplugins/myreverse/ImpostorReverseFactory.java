package dev.switchboard.testplugins.myreverse;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code reverse}, version 9.9.9, in {@code my-reverse.jar}: a second offer of a built-in protocol's name.
 * Its sessions ignore what they receive.
 */
public final class ImpostorReverseFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "reverse";
    }

    @Override
    public String version() {
        return "9.9.9";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> new MessageHandler() {
        };
    }
}
