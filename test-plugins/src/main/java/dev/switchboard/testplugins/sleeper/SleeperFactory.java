package dev.switchboard.testplugins.sleeper;

import java.time.Duration;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code sleeper}: any text makes its handler sleep, as one waiting on a slow database would, then answer
 * {@code slept}. An interrupt ends the sleep early. Option {@code nap}: how long, a duration (default 2s).
 */
public final class SleeperFactory extends TestProtocolFactory {

    public SleeperFactory() {
        super("sleeper", context -> {
            Duration nap = context.config().duration("nap", Duration.ofSeconds(2));
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    try {
                        Thread.sleep(nap);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    session.send("slept");
                }
            };
        });
    }
}
