package dev.switchboard.testplugins.blocker;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.Release;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code blocker}: any text makes its handler wait, for up to 60 s and ignoring interrupts, then answer
 * {@code unblocked}. Option {@code release-property} (required) names a system property that, once {@code true}, ends
 * the wait early, so that a handler does not outlive its test by a minute.
 */
public final class BlockerFactory extends TestProtocolFactory {

    public BlockerFactory() {
        super("blocker", context -> {
            Release release = Release.required(context);
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    release.awaitBlocked();
                    session.send("unblocked");
                }
            };
        });
    }
}
