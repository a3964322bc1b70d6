package dev.switchboard.testplugins.picky;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code picky}: accepts a handshake unless its query says {@code mode=deny} (refused with 403) or
 * {@code mode=boom} (the hook throws). Its sessions ignore what they receive.
 */
public final class PickyFactory extends TestProtocolFactory {

    public PickyFactory() {
        super("picky", "1.0", context -> new Protocol() {
            @Override
            public HandshakeDecision accept(Handshake handshake) {
                String mode = handshake.queryParam("mode").orElse("");
                if (mode.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                return mode.equals("deny") ? HandshakeDecision.refuse(403, "denied") : HandshakeDecision.accept();
            }

            @Override
            public MessageHandler open(Session session) {
                return new MessageHandler() {
                };
            }
        });
    }
}
