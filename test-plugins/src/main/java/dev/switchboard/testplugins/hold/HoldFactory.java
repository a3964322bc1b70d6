package dev.switchboard.testplugins.hold;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.PrefixedEcho;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code hold}: talks to its test through files in the directory of option {@code gate-dir} (required).
 * {@code accept} accepts at once unless the query has {@code hold}: then it marks {@code entered}, waits for a file
 * {@code release} (30 s at most, or until interrupted, then refuses with 503), and marks {@code accepted} before it
 * accepts. {@code open} marks {@code opened}; sessions echo text.
 */
public final class HoldFactory extends TestProtocolFactory {

    private static final long RELEASE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    public HoldFactory() {
        super("hold", "1.0", context -> {
            Path gate = Path.of(context.config().string("gate-dir").orElseThrow(
                    () -> new ProtocolConfigException(context.config().fullKey("gate-dir") + " is required")));
            return new Protocol() {
                @Override
                public HandshakeDecision accept(Handshake handshake) {
                    if (handshake.queryParam("hold").isEmpty()) {
                        return HandshakeDecision.accept();
                    }
                    mark(gate, "entered");
                    long deadline = System.nanoTime() + RELEASE_WAIT_NANOS;
                    while (!Files.exists(gate.resolve("release"))) {
                        if (System.nanoTime() > deadline) {
                            return HandshakeDecision.refuse(503, "never released");
                        }
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return HandshakeDecision.refuse(503, "interrupted");
                        }
                    }
                    mark(gate, "accepted");
                    return HandshakeDecision.accept();
                }

                @Override
                public MessageHandler open(Session session) {
                    mark(gate, "opened");
                    return new PrefixedEcho(session, "");
                }
            };
        });
    }

    private static void mark(Path gate, String name) {
        try {
            Files.writeString(gate.resolve(name), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
