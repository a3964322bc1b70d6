package dev.switchboard.testplugins.stuck;

import java.util.concurrent.TimeUnit;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;
import dev.switchboard.api.Session;

/**
 * Protocol {@code stuck}: on a handshake whose query has {@code block}, {@code accept} logs {@code hook blocks} and
 * then judges, ignoring interrupts, for 60 s or until the system property named by option {@code release-property}
 * (required) is {@code true}; then it accepts. Other handshakes are accepted at once. Sessions answer text with
 * {@code stuck:<text>}.
 */
public final class StuckFactory implements ProtocolFactory {

    private static final long BLOCK_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Override
    public String name() {
        return "stuck";
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
                if (handshake.queryParam("block").isPresent()) {
                    context.logger().log(System.Logger.Level.INFO, "hook blocks");
                    long end = System.nanoTime() + BLOCK_NANOS;
                    while (!Boolean.getBoolean(release) && System.nanoTime() < end) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            // Ignored: a plugin stuck for good.
                        }
                    }
                }
                return HandshakeDecision.accept();
            }

            @Override
            public MessageHandler open(Session session) {
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        session.send("stuck:" + text);
                    }
                };
            }
        };
    }
}
