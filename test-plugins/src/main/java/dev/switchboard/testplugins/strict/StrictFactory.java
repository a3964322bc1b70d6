package dev.switchboard.testplugins.strict;

import java.time.Duration;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code strict}: checks its options in {@code create} as a real plugin would. {@code interval} is a
 * duration (the server's reader rejects anything else); {@code mode} must be {@code calm}, or {@code create} throws a
 * {@link ProtocolConfigException} naming the key. Its sessions ignore what they receive.
 */
public final class StrictFactory extends TestProtocolFactory {

    public StrictFactory() {
        super("strict", context -> {
            context.config().duration("interval", Duration.ofSeconds(1));
            String mode = context.config().string("mode", "calm");
            if (!mode.equals("calm")) {
                throw new ProtocolConfigException(context.config().fullKey("mode") + ": '" + mode
                                                          + "' is not a mode (calm)");
            }
            return session -> new MessageHandler() {
            };
        });
    }
}
