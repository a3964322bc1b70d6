package dev.switchboard.testplugins.late;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code late}: records which calls a session that filled its send queue still gets after it ends.
 * <ul>
 *     <li>{@code fill}: sends one message of {@code fill-chars} chars (option, default 8,000,000) and asks for
 *     {@code onWritable};</li>
 *     <li>{@code sleep}: sleeps until the session is no longer open ({@code sleep-limit} at most, option, a duration,
 *     default 10s), so that an {@code onWritable} of the drain waits behind this call;</li>
 *     <li>{@code log}: answers {@code log:} followed by the log, comma-separated: {@code writable open=<isOpen>} for
 *     each {@code onWritable} of any session, {@code close} for the close event of a session that filled.</li>
 * </ul>
 * The log belongs to the protocol instance, so all sessions of the protocol share it.
 */
public final class LateFactory extends TestProtocolFactory {

    public LateFactory() {
        super("late", context -> {
            int fillChars = context.config().integer("fill-chars", 8_000_000, 1, Integer.MAX_VALUE);
            Duration sleepLimit = context.config().duration("sleep-limit", Duration.ofSeconds(10));
            // Shared by the sessions: the session that observes is not the one whose calls are logged.
            Queue<String> log = new ConcurrentLinkedQueue<>();
            return session -> new MessageHandler() {
                private boolean filler;

                @Override
                public void onText(String text) {
                    switch (text) {
                        case "fill" -> {
                            filler = true;
                            session.send("x".repeat(fillChars));
                            session.requestWritable();
                        }
                        case "sleep" -> {
                            long deadline = System.nanoTime() + sleepLimit.toNanos();
                            try {
                                while (session.isOpen() && System.nanoTime() < deadline) {
                                    Thread.sleep(10);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        case "log" -> session.send("log:" + String.join(",", log));
                        default -> {
                        }
                    }
                }

                @Override
                public void onWritable() {
                    log.add("writable open=" + session.isOpen());
                }

                @Override
                public void onClose(CloseStatus status) {
                    if (filler) {
                        log.add("close");
                    }
                }
            };
        });
    }
}
