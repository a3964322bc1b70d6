package dev.switchboard.testplugins.twin;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code twin}: packed twice, as {@code twin-a.jar} and {@code twin-b.jar}, so that two jars offer the same
 * subprotocol. Its sessions ignore what they receive.
 */
public final class TwinFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "twin";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> new MessageHandler() {
        };
    }
}
