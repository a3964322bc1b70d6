package dev.switchboard.testplugins;

import java.util.concurrent.TimeUnit;

import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.ProtocolContext;

/**
 * How a test ends a wait that a plugin holds on purpose (a blocked handler, a spinning hook): it sets the system
 * property the plugin's required option {@code release-property} names to {@code true}. A wait ends by itself after
 * 60 s, so that a test that fails before releasing it does not leave a thread behind for good.
 *
 * @param property the system property's name
 */
public record Release(String property) {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    // How often a blocked wait looks at the property: a released test does not wait long for its threads.
    private static final long POLL_MILLIS = 20;

    /**
     * @param context the plugin's context
     * @return the release named by option {@code release-property}
     * @throws ProtocolConfigException if the option is missing
     */
    public static Release required(ProtocolContext context) {
        return new Release(context.config().string("release-property").orElseThrow(
                () -> new ProtocolConfigException(context.config().fullKey("release-property") + " is required")));
    }

    /**
     * Blocks the calling thread until released, ignoring interrupts: a thread stuck for good, as far as the server can
     * tell.
     */
    public void awaitBlocked() {
        long start = System.nanoTime();
        while (holds(start)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // Stuck for good means deaf to interrupts too.
            }
        }
    }

    /**
     * Spins on the calling thread until released, never yielding it: a thread that keeps a core busy.
     *
     * @return how many turns the spin took
     */
    public long awaitSpinning() {
        long start = System.nanoTime();
        long turns = 0;
        while (holds(start)) {
            Thread.onSpinWait();
            turns++;
        }
        return turns;
    }

    // Whether a wait begun at startNanos still holds: not released, and 60 s not passed.
    private boolean holds(long startNanos) {
        return !Boolean.getBoolean(property) && System.nanoTime() - startNanos < LIMIT_NANOS;
    }
}
