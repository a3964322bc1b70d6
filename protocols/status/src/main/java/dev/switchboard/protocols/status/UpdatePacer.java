package dev.switchboard.protocols.status;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns change notifications into updates at least one interval apart, so that a burst of connections costs a few
 * documents instead of one per connection.
 *
 * <p>A change after a quiet interval is sent at once (the leading edge). Changes that come sooner are folded into one
 * update an interval after the last one (the trailing edge), which reads the state as it is then: the final state of
 * a burst is always sent, at most one interval late.
 *
 * <p>Confined to the protocol's timer thread: the change listener and the trailing update both run there, so the
 * fields need no lock.
 */
final class UpdatePacer {

    /** Where the trailing update is scheduled: {@code ProtocolContext::schedule}. */
    @FunctionalInterface
    interface Timer {
        /**
         * Runs a task once after a delay, on the thread that calls {@link UpdatePacer#changed()}.
         *
         * @param task  the task
         * @param delay the delay
         */
        void schedule(Runnable task, Duration delay);
    }

    private final long intervalNanos;
    private final Timer timer;
    private final LongSupplier nanoClock;
    private final Runnable update;
    private long lastUpdateNanos;
    // System.nanoTime has no value that means "never", so the first update is tracked apart.
    private boolean updatedOnce;
    private boolean trailingUpdateScheduled;

    /**
     * Creates the pacer.
     *
     * @param interval  the shortest time between two updates, longer than zero
     * @param timer     schedules the trailing update
     * @param nanoClock the time in nanoseconds, as {@link System#nanoTime()}
     * @param update    sends an update that shows the current state
     */
    UpdatePacer(Duration interval, Timer timer, LongSupplier nanoClock, Runnable update) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be longer than zero, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.timer = Objects.requireNonNull(timer, "timer is null");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
        this.update = Objects.requireNonNull(update, "update is null");
    }

    /**
     * Something changed: sends an update now, or makes sure one follows at the end of the current interval.
     */
    void changed() {
        if (trailingUpdateScheduled) {
            // The trailing update reads the state when it runs, so it shows this change too.
            return;
        }
        long now = nanoClock.getAsLong();
        long sinceLast = now - lastUpdateNanos;
        if (!updatedOnce || sinceLast >= intervalNanos) {
            send(now);
        } else {
            trailingUpdateScheduled = true;
            timer.schedule(this::sendTrailing, Duration.ofNanos(intervalNanos - sinceLast));
        }
    }

    private void sendTrailing() {
        trailingUpdateScheduled = false;
        send(nanoClock.getAsLong());
    }

    private void send(long now) {
        lastUpdateNanos = now;
        updatedOnce = true;
        update.run();
    }
}
