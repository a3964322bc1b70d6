package dev.switchboard.testplugins.looper;

import dev.switchboard.api.Channel;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code looper}: publishes in a loop from one handler call.
 * <ul>
 *     <li>{@code join}: joins channel {@code c} and answers {@code joined};</li>
 *     <li>{@code loop}: publishes one message of {@code burst-chars} chars (option, default 40,000,000) to {@code c},
 *     which leaves members that do not read behind, then {@code publishes} one-char messages (option, default 50,000),
 *     all in the same call, and answers {@code published}.</li>
 * </ul>
 */
public final class LooperFactory extends TestProtocolFactory {

    public LooperFactory() {
        super("looper", context -> {
            int burstChars = context.config().integer("burst-chars", 40_000_000, 1, Integer.MAX_VALUE);
            int publishes = context.config().integer("publishes", 50_000, 0, Integer.MAX_VALUE);
            Channel channel = context.channels().channel("c");
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    if (text.equals("join")) {
                        channel.join(session);
                        session.send("joined");
                    } else if (text.equals("loop")) {
                        channel.publish("x".repeat(burstChars));
                        for (int i = 0; i < publishes; i++) {
                            channel.publish("m");
                        }
                        session.send("published");
                    }
                }
            };
        });
    }
}
