package dev.switchboard.testplugins.picky;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;
import dev.switchboard.api.Session;

/**
 * Protocol {@code picky}: accepts a handshake unless its query says {@code mode=deny} (refused with 403) or
 * {@code mode=boom} (the hook throws). Its sessions ignore what they receive.
 */
public final class PickyFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "picky";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return new Protocol() {
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
        };
    }
}
