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
     * @param startNanos when the wait began, from {@link System#nanoTime()}
     * @return whether the wait still holds: not released, and 60 s not passed since {@code startNanos}
     */
    public boolean holds(long startNanos) {
        return !Boolean.getBoolean(property) && System.nanoTime() - startNanos < LIMIT_NANOS;
    }
}
