package dev.switchboard.testplugins.gate;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.PrefixedEcho;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code gate}: refuses a handshake whose query has {@code deny} with 403, throws from {@code accept} for
 * {@code fail}, and accepts the rest; its sessions echo text.
 */
public final class GateFactory extends TestProtocolFactory {

    public GateFactory() {
        super("gate", context -> new Protocol() {
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
                return new PrefixedEcho(session, "");
            }
        });
    }
}
