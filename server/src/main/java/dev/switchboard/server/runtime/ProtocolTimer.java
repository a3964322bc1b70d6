package dev.switchboard.server.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.ScheduledTask;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.ProtocolJarLoader;

/**
 * A protocol's timers: one platform thread per protocol, so a protocol whose task blocks delays only its own timers.
 * Tasks run with the protocol's context class loader; a task that throws is logged, reported to {@code onFailure} and
 * keeps its schedule.
 */
final class ProtocolTimer {

    private final String protocol;
    private final ClassLoader loader;
    private final System.Logger logger;
    private final Runnable onFailure;
    private final ScheduledThreadPoolExecutor executor;

    ProtocolTimer(String protocol, ClassLoader loader, System.Logger logger, Runnable onFailure) {
        this.protocol = protocol;
        this.loader = loader;
        this.logger = logger;
        this.onFailure = onFailure;
        this.executor = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("switchboard-timer-" + protocol).unstarted(task));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    ScheduledTask schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(guarded(task),
                                                                 initialDelay.toNanos(),
                                                                 period.toNanos(),
                                                                 TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /**
     * Cancels every task and waits a little for one that is running, so that the protocol's stop() does not run
     * beside it; a task that does not finish in time is left behind, with a warning.
     *
     * @param maxWait how long to wait for a running task
     */
    void stop(Duration maxWait) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                logger.log(System.Logger.Level.WARNING, "A timer task of protocol " + protocol
                        + " is still running after " + maxWait.toMillis() + " ms; stopping the protocol anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // A throwing task would otherwise be silently unscheduled by the executor.
    private Runnable guarded(Runnable task) {
        return () -> ContextClassLoader.run(loader, () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                logger.log(System.Logger.Level.WARNING,
                           "Timer task of protocol " + protocol + " failed: " + ProtocolJarLoader.causeText(e));
                onFailure.run();
            }
        });
    }
}
