package dev.switchboard.testplugins.failstoopen;

import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code fails-to-open}: {@code open} throws for every session. Packed with {@code no-handler},
 * {@code brittle} and {@code ticker} in {@code faulty-protocols.jar}, one jar with several protocols.
 */
public final class FailsToOpenFactory extends TestProtocolFactory {

    public FailsToOpenFactory() {
        super("fails-to-open", context -> session -> {
            throw new IllegalStateException("no handler for you");
        });
    }
}
