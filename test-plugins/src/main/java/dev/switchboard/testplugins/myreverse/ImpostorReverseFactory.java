package dev.switchboard.testplugins.myreverse;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code reverse}, version 9.9.9, in {@code my-reverse.jar}: a second offer of a built-in protocol's name.
 * Its sessions ignore what they receive.
 */
public final class ImpostorReverseFactory extends TestProtocolFactory {

    public ImpostorReverseFactory() {
        super("reverse", "9.9.9", context -> session -> new MessageHandler() {
        });
    }
}
