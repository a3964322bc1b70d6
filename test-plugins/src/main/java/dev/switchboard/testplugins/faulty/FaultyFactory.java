package dev.switchboard.testplugins.faulty;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code faulty}, which fails in every call: its timer task throws once at start; {@code open} throws for a
 * handshake whose query has {@code fail-open}; {@code onText} throws for {@code throw} and echoes anything else;
 * {@code onBinary} and {@code onClose} always throw.
 */
public final class FaultyFactory extends TestProtocolFactory {

    public FaultyFactory() {
        super("faulty", context -> {
            context.schedule(() -> {
                throw new IllegalStateException("timer task fails on purpose");
            }, Duration.ZERO);
            return session -> {
                if (session.handshake().queryParam("fail-open").isPresent()) {
                    throw new IllegalStateException("open fails on purpose");
                }
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        if (text.equals("throw")) {
                            throw new IllegalStateException("onText fails on purpose");
                        }
                        session.send(text);
                    }

                    @Override
                    public void onBinary(ByteBuffer data) {
                        throw new IllegalStateException("onBinary fails on purpose");
                    }

                    @Override
                    public void onClose(CloseStatus status) {
                        throw new IllegalStateException("onClose fails on purpose");
                    }
                };
            };
        });
    }
}
