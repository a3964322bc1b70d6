package dev.switchboard.testplugins.nohandler;

import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code no-handler}: {@code open} returns null for every session. Packed in {@code faulty-protocols.jar}.
 */
public final class NoHandlerFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "no-handler";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> null;
    }
}
