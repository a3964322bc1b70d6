package dev.switchboard.server.health;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long a new virtual thread waits before it runs: the scheduler's lag. Every connection of the server is a
 * virtual thread, so when code that never parks holds every carrier, this lag is how long every connection waits
 * too. A platform thread (which keeps running when the carriers do not) starts a virtual thread every
 * {@link #INTERVAL} that notes when it got to run; a probe that has not run yet counts as lagging by its age, so a
 * frozen scheduler shows a lag that keeps growing, not the last value it managed to report.
 */
public final class SchedulerProbe implements AutoCloseable {

    /** Time between two probes. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final Executor virtualThreads;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService ticker;
    private volatile long lastLagNanos;
    // Whether a probe waits to run, and since when (written before the flag is set).
    private volatile boolean waiting;
    private volatile long waitingSince;

    SchedulerProbe(Executor virtualThreads, LongSupplier nanoTime, ScheduledExecutorService ticker) {
        this.virtualThreads = virtualThreads;
        this.nanoTime = nanoTime;
        this.ticker = ticker;
    }

    /**
     * Starts probing on a platform thread of its own.
     *
     * @return the running probe
     */
    public static SchedulerProbe start() {
        ScheduledExecutorService ticker = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("switchboard-scheduler-probe").unstarted(task));
        SchedulerProbe probe = new SchedulerProbe(task -> Thread.ofVirtual().name("switchboard-scheduler-probe")
                .start(task), System::nanoTime, ticker);
        ticker.scheduleAtFixedRate(probe::probe, 0, INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        return probe;
    }

    /**
     * The latest lag measured, or the age of the probe still waiting to run if that is longer.
     *
     * @return the lag
     */
    public Duration lag() {
        long lag = lastLagNanos;
        if (waiting) {
            lag = Math.max(lag, nanoTime.getAsLong() - waitingSince);
        }
        return Duration.ofNanos(lag);
    }

    /** Stops probing. */
    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** Starts one probe, unless the last one has not run yet (its age is the lag then). */
    void probe() {
        if (waiting) {
            return;
        }
        long started = nanoTime.getAsLong();
        waitingSince = started;
        waiting = true;
        try {
            virtualThreads.execute(() -> {
                lastLagNanos = Math.max(0, nanoTime.getAsLong() - started);
                waiting = false;
            });
        } catch (RejectedExecutionException e) {
            // The scheduler takes no thread: counted as lagging since this probe, and the next tick tries again.
            waiting = false;
            lastLagNanos = Math.max(lastLagNanos, nanoTime.getAsLong() - started);
        }
    }
}
