package dev.switchboard.testplugins.moody;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.PrefixedEcho;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code moody}: {@code accept} judges by {@code ?mode=}: {@code throw} throws an exception, {@code error}
 * an error, {@code null} returns null, anything else (or none) accepts. Sessions answer text with
 * {@code moody:<text>}.
 */
public final class MoodyFactory extends TestProtocolFactory {

    public MoodyFactory() {
        super("moody", context -> new Protocol() {
            @Override
            public HandshakeDecision accept(Handshake handshake) {
                return switch (handshake.queryParam("mode").orElse("accept")) {
                    case "throw" -> throw new IllegalStateException("hook boom");
                    case "error" -> throw new AssertionError("hook assertion");
                    case "null" -> null;
                    default -> HandshakeDecision.accept();
                };
            }

            @Override
            public MessageHandler open(Session session) {
                return new PrefixedEcho(session, "moody:");
            }
        });
    }
}
