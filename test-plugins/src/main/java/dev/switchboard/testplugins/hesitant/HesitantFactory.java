package dev.switchboard.testplugins.hesitant;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.Release;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code hesitant}: on a handshake whose query has {@code spin}, {@code accept} spins for up to 60 s before
 * it accepts; other handshakes are accepted at once. Its sessions ignore what they receive. Option
 * {@code release-property} (required) names a system property that, once {@code true}, ends the spinning early.
 */
public final class HesitantFactory extends TestProtocolFactory {

    public HesitantFactory() {
        super("hesitant", context -> {
            Release release = Release.required(context);
            return new Protocol() {
                @Override
                public HandshakeDecision accept(Handshake handshake) {
                    if (handshake.queryParam("spin").isPresent()) {
                        release.awaitSpinning();
                    }
                    return HandshakeDecision.accept();
                }

                @Override
                public MessageHandler open(Session session) {
                    return new MessageHandler() {
                    };
                }
            };
        });
    }
}
