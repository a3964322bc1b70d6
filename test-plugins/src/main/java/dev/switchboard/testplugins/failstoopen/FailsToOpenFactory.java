package dev.switchboard.testplugins.failstoopen;

import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code fails-to-open}: {@code open} throws for every session. Packed with {@code no-handler},
 * {@code brittle} and {@code ticker} in {@code faulty-protocols.jar}, one jar with several protocols.
 */
public final class FailsToOpenFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "fails-to-open";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> {
            throw new IllegalStateException("no handler for you");
        };
    }
}
