package dev.switchboard.testplugins.ccl;

import java.time.Duration;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code ccl}: tells whether each call ran with the plugin's class loader as the thread's context class
 * loader. A new session is sent {@code create:<bool> open:<bool>}; text {@code timer} is answered from a timer task
 * with {@code timer:<bool>}, any other text with {@code onText:<bool>}; when a session closes, every other session is
 * sent {@code onClose:<bool>}.
 */
public final class ContextLoaderFactory extends TestProtocolFactory {

    public ContextLoaderFactory() {
        super("ccl", context -> {
            boolean create = ownLoaderIsContextLoader();
            return session -> {
                session.send("create:" + create + " open:" + ownLoaderIsContextLoader());
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        if (text.equals("timer")) {
                            context.schedule(() -> session.send("timer:" + ownLoaderIsContextLoader()),
                                             Duration.ofMillis(1));
                        } else {
                            session.send("onText:" + ownLoaderIsContextLoader());
                        }
                    }

                    @Override
                    public void onClose(CloseStatus status) {
                        // This session is gone; tell the others.
                        context.broadcast(context.sessions(), "onClose:" + ownLoaderIsContextLoader());
                    }
                };
            };
        });
    }

    private static boolean ownLoaderIsContextLoader() {
        return Thread.currentThread().getContextClassLoader() == ContextLoaderFactory.class.getClassLoader();
    }
}
