package dev.switchboard.testplugins.spinner;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.Release;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code spinner}: any text makes its handler spin in a loop that never yields, for up to 60 s, then
 * answers {@code spun <turns>}. Option {@code release-property} (required) names a system property that, once
 * {@code true}, ends the spinning early, so that a handler does not burn a core of the test JVM after its test.
 */
public final class SpinnerFactory extends TestProtocolFactory {

    public SpinnerFactory() {
        super("spinner", context -> {
            Release release = Release.required(context);
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    session.send("spun " + release.awaitSpinning());
                }
            };
        });
    }
}
