package dev.switchboard.testplugins.gate;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;
import dev.switchboard.api.Session;

/**
 * Protocol {@code gate}: refuses a handshake whose query has {@code deny} with 403, throws from {@code accept} for
 * {@code fail}, and accepts the rest; its sessions echo text.
 */
public final class GateFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return new Protocol() {
            @Override
            public HandshakeDecision accept(Handshake handshake) {
                if (handshake.queryParam("fail").isPresent()) {
                    throw new IllegalStateException("accept fails on purpose");
                }
                return handshake.queryParam("deny").isPresent()
                        ? HandshakeDecision.refuse(403, "denied")
                        : HandshakeDecision.accept();
            }

            @Override
            public MessageHandler open(Session session) {
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        session.send(text);
                    }
                };
            }
        };
    }
}
