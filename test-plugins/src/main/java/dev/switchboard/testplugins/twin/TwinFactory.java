package dev.switchboard.testplugins.twin;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code twin}: packed twice, as {@code twin-a.jar} and {@code twin-b.jar}, so that two jars offer the same
 * subprotocol. Its sessions ignore what they receive.
 */
public final class TwinFactory extends TestProtocolFactory {

    public TwinFactory() {
        super("twin", context -> session -> new MessageHandler() {
        });
    }
}
