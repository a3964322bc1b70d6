package dev.switchboard.testplugins.nohandler;

import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code no-handler}: {@code open} returns null for every session. Packed in {@code faulty-protocols.jar}.
 */
public final class NoHandlerFactory extends TestProtocolFactory {

    public NoHandlerFactory() {
        super("no-handler", context -> {
            return session -> null;
        });
    }
}
