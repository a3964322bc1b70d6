package dev.switchboard.testplugins.stuck;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.PrefixedEcho;
import dev.switchboard.testplugins.Release;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code stuck}: on a handshake whose query has {@code block}, {@code accept} logs {@code hook blocks} and
 * then judges, ignoring interrupts, for 60 s or until the system property named by option {@code release-property}
 * (required) is {@code true}; then it accepts. Other handshakes are accepted at once. Sessions answer text with
 * {@code stuck:<text>}.
 */
public final class StuckFactory extends TestProtocolFactory {

    public StuckFactory() {
        super("stuck", context -> {
            Release release = Release.required(context);
            return new Protocol() {
                @Override
                public HandshakeDecision accept(Handshake handshake) {
                    if (handshake.queryParam("block").isPresent()) {
                        context.logger().log(System.Logger.Level.INFO, "hook blocks");
                        release.awaitBlocked();
                    }
                    return HandshakeDecision.accept();
                }

                @Override
                public MessageHandler open(Session session) {
                    return new PrefixedEcho(session, "stuck:");
                }
            };
        });
    }
}
