package dev.switchboard.testplugins.flood;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code flood}: every {@code period} (option, a duration, default 5ms) one timer broadcasts a binary message
 * of {@code size} bytes (option, default 64 KiB) to every session, so that a client that does not read overflows any
 * small send queue within a fraction of a second. Its sessions ignore what they receive.
 */
public final class FloodFactory extends TestProtocolFactory {

    public FloodFactory() {
        super("flood", context -> {
            Duration period = context.config().duration("period", Duration.ofMillis(5));
            byte[] message = new byte[context.config().integer("size", 64 * 1024)];
            for (int i = 0; i < message.length; i++) {
                message[i] = (byte) i;
            }
            ScheduledTask timer = context.scheduleAtFixedRate(
                    () -> context.broadcast(context.sessions(), ByteBuffer.wrap(message)), period, period);
            return new Protocol() {
                @Override
                public MessageHandler open(Session session) {
                    return new MessageHandler() {
                    };
                }

                @Override
                public void stop() {
                    timer.cancel();
                }
            };
        });
    }
}
