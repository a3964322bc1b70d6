package dev.switchboard.testplugins.flow;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code flow}: streams with {@code Session.offer} and {@code MessageHandler.onWritable}. On {@code stream}
 * it offers {@code messages} (option, default 256) texts of {@code size} chars (option, default 8192), each the
 * number from 0 up padded with {@code x}, as many as each offer takes; when one is refused it asks for
 * {@code onWritable} and goes on from there. After the last it sends
 * {@code done refusals=<refused offers> writableCalls=<onWritable calls> open=<session open>}.
 */
public final class FlowFactory extends TestProtocolFactory {

    public FlowFactory() {
        super("flow", context -> {
            int messages = context.config().integer("messages", 256);
            int size = context.config().integer("size", 8192);
            return session -> new MessageHandler() {
                // Only the session's handler thread touches these: onText and onWritable are never concurrent.
                private int next;
                private int refusals;
                private int writableCalls;

                @Override
                public void onText(String text) {
                    if (text.equals("stream")) {
                        pump();
                    }
                }

                @Override
                public void onWritable() {
                    writableCalls++;
                    pump();
                }

                private void pump() {
                    while (next < messages) {
                        String number = Integer.toString(next);
                        if (!session.offer(number + "x".repeat(size - number.length()))) {
                            refusals++;
                            // Asking again before the call asks for the same one call.
                            session.requestWritable();
                            return;
                        }
                        next++;
                    }
                    session.send("done refusals=" + refusals + " writableCalls=" + writableCalls + " open="
                            + session.isOpen());
                }
            };
        });
    }
}
