package dev.switchboard.testplugins.blocker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.Release;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code blocker}: any text makes its handler wait, for up to 60 s and ignoring interrupts, on a latch
 * nobody opens, then answer {@code unblocked}. Option {@code release-property} (required) names a system property
 * that, once {@code true}, ends the wait early, so that a handler does not outlive its test by a minute.
 */
public final class BlockerFactory extends TestProtocolFactory {

    public BlockerFactory() {
        super("blocker", context -> {
            Release release = Release.required(context);
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    long start = System.nanoTime();
                    while (release.holds(start)) {
                        try {
                            new CountDownLatch(1).await(100, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            // Blocked for good means ignoring interrupts too.
                        }
                    }
                    session.send("unblocked");
                }
            };
        });
    }
}
