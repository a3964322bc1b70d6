package dev.switchboard.testplugins.spinner;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code spinner}: any text makes its handler spin in a loop that never yields, for up to 60 s, then
 * answers {@code spun <turns>}. Option {@code release-property} (required) names a system property that, once
 * {@code true}, ends the spinning early, so that a handler does not burn a core of the test JVM after its test.
 */
public final class SpinnerFactory implements ProtocolFactory {

    private static final long SPIN_NANOS = 60_000_000_000L;

    @Override
    public String name() {
        return "spinner";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        String release = context.config().string("release-property").orElseThrow(
                () -> new ProtocolConfigException(context.config().fullKey("release-property") + " is required"));
        return session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                long until = System.nanoTime() + SPIN_NANOS;
                long turns = 0;
                while (System.nanoTime() < until && !Boolean.getBoolean(release)) {
                    turns++;
                }
                session.send("spun " + turns);
            }
        };
    }
}
