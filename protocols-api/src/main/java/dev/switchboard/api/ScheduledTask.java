package dev.switchboard.api;

/**
 * A task scheduled through {@link ProtocolContext}.
 */
public interface ScheduledTask {

    /**
     * Stops future runs of the task. A run in progress completes. Cancelling twice does nothing.
     */
    void cancel();
}
