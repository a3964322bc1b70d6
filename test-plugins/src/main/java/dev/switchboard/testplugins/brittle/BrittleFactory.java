package dev.switchboard.testplugins.brittle;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code brittle}: echoes text as {@code echo:<text>}, except {@code assert}, which makes the handler throw
 * an {@link AssertionError}, and {@code recurse}, which overflows the stack. When a session closes, every session is
 * sent {@code a session closed}. Packed in {@code faulty-protocols.jar}.
 */
public final class BrittleFactory extends TestProtocolFactory {

    public BrittleFactory() {
        super("brittle", context -> session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                switch (text) {
                    case "assert" -> throw new AssertionError("assertion in a plugin");
                    case "recurse" -> recurse(0);
                    default -> session.send("echo:" + text);
                }
            }

            @Override
            public void onClose(CloseStatus status) {
                context.broadcast(context.sessions(), "a session closed");
            }
        });
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
