package dev.switchboard.testplugins.blocker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code blocker}: any text makes its handler wait, for up to 60 s and ignoring interrupts, on a latch
 * nobody opens, then answer {@code unblocked}. Option {@code release-property} (required) names a system property
 * that, once {@code true}, ends the wait early, so that a handler does not outlive its test by a minute.
 */
public final class BlockerFactory implements ProtocolFactory {

    private static final long BLOCK_NANOS = 60_000_000_000L;

    @Override
    public String name() {
        return "blocker";
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
                long until = System.nanoTime() + BLOCK_NANOS;
                while (System.nanoTime() < until && !Boolean.getBoolean(release)) {
                    try {
                        new CountDownLatch(1).await(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        // Blocked for good means ignoring interrupts too.
                    }
                }
                session.send("unblocked");
            }
        };
    }
}
