package dev.switchboard.testplugins.sleepy;

import java.util.concurrent.CountDownLatch;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code sleepy}: its handler echoes text, except:
 * <ul>
 *     <li>{@code block}: answers {@code blocking}, then blocks forever, waking only to be interrupted;</li>
 *     <li>{@code block-hard}: answers {@code blocking}, then blocks forever and ignores interrupts;</li>
 *     <li>{@code block-on-close}: answers {@code will block on close}, and its {@code onClose} later blocks forever,
 *     ignoring interrupts.</li>
 * </ul>
 */
public final class SleepyFactory extends TestProtocolFactory {

    public SleepyFactory() {
        super("sleepy", context -> session -> new MessageHandler() {
            private volatile boolean blockOnClose;

            @Override
            public void onText(String text) {
                switch (text) {
                    case "block" -> {
                        session.send("blocking");
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    case "block-hard" -> {
                        session.send("blocking");
                        blockForever();
                    }
                    case "block-on-close" -> {
                        blockOnClose = true;
                        session.send("will block on close");
                    }
                    default -> session.send(text);
                }
            }

            @Override
            public void onClose(CloseStatus status) {
                if (blockOnClose) {
                    blockForever();
                }
            }
        });
    }

    private static void blockForever() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // Blocks on regardless.
            }
        }
    }
}
