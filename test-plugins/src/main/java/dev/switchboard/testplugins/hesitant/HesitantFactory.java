package dev.switchboard.testplugins.hesitant;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;
import dev.switchboard.api.Session;

/**
 * Protocol {@code hesitant}: on a handshake whose query has {@code spin}, {@code accept} spins for up to 60 s before
 * it accepts; other handshakes are accepted at once. Its sessions ignore what they receive. Option
 * {@code release-property} (required) names a system property that, once {@code true}, ends the spinning early.
 */
public final class HesitantFactory implements ProtocolFactory {

    private static final long SPIN_NANOS = 60_000_000_000L;

    @Override
    public String name() {
        return "hesitant";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        String release = context.config().string("release-property").orElseThrow(
                () -> new ProtocolConfigException(context.config().fullKey("release-property") + " is required"));
        return new Protocol() {
            @Override
            public HandshakeDecision accept(Handshake handshake) {
                long until = System.nanoTime() + SPIN_NANOS;
                while (handshake.queryParam("spin").isPresent() && System.nanoTime() < until
                        && !Boolean.getBoolean(release)) {
                    Thread.onSpinWait();
                }
                return HandshakeDecision.accept();
            }

            @Override
            public MessageHandler open(Session session) {
                return new MessageHandler() {
                };
            }
        };
    }
}
