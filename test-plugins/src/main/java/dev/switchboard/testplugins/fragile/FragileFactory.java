package dev.switchboard.testplugins.fragile;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code fragile}: echoes text as {@code echo:<text>}, except {@code boom}, which makes the handler throw,
 * and {@code block}, which waits (at most 5 s) until any session of the protocol sends {@code release}, then answers
 * {@code released} (or {@code still blocked after 5 s}, or {@code interrupted}). {@code release} is answered with
 * {@code releasing}.
 */
public final class FragileFactory extends TestProtocolFactory {

    public FragileFactory() {
        super("fragile", context -> {
            // Shared by the protocol's sessions: one of them releases another.
            CountDownLatch release = new CountDownLatch(1);
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    switch (text) {
                        case "boom" -> throw new IllegalStateException("boom");
                        case "block" -> {
                            try {
                                boolean released = release.await(5, TimeUnit.SECONDS);
                                session.send(released ? "released" : "still blocked after 5 s");
                            } catch (InterruptedException e) {
                                session.send("interrupted");
                            }
                        }
                        case "release" -> {
                            release.countDown();
                            session.send("releasing");
                        }
                        default -> session.send("echo:" + text);
                    }
                }
            };
        });
    }
}
