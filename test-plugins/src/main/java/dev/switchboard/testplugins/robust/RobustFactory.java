package dev.switchboard.testplugins.robust;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code robust}: answers {@code id} with {@code id <session id>} and {@code closes} with {@code closes} and
 * one {@code <id> <code> <interrupted>} line per {@code onClose} so far; {@code sneaky} makes the handler throw an
 * {@link IOException} its signature does not declare; anything else comes back.
 */
public final class RobustFactory extends TestProtocolFactory {

    public RobustFactory() {
        super("robust", context -> {
            List<String> closes = new CopyOnWriteArrayList<>();
            return session -> {
                String id = session.id().replaceAll("\\s", "_");
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        switch (text) {
                            case "id" -> session.send("id " + id);
                            case "closes" -> session.send("closes\n" + String.join("\n", closes));
                            case "sneaky" -> RobustFactory.<RuntimeException>sneaky(
                                    new IOException("undeclared on purpose"));
                            default -> session.send(text);
                        }
                    }

                    @Override
                    public void onClose(CloseStatus status) {
                        closes.add(id + " " + status.code() + " " + Thread.currentThread().isInterrupted());
                    }
                };
            };
        });
    }

    // Throws a checked exception past the compiler: erasure makes the cast to E unchecked.
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
