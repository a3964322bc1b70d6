package dev.switchboard.server.testing;

import java.time.Duration;

/**
 * A server's stop, run on a daemon thread of its own and given a bound: a server that cannot stop fails the test that
 * waits for it, with the stuck thread's stack, and the thread is left behind instead of hanging the test run.
 */
public final class BoundedStop {

    private final Thread stopper;
    private final Duration bound;
    private final long startedAt;

    private BoundedStop(Thread stopper, Duration bound, long startedAt) {
        this.stopper = stopper;
        this.bound = bound;
        this.startedAt = startedAt;
    }

    /**
     * Starts stopping the server.
     *
     * @param server the server
     * @param bound  how long its stop may take, counted from now
     * @return the stop under way
     */
    public static BoundedStop begin(TestServer server, Duration bound) {
        long startedAt = System.nanoTime();
        Thread stopper = Thread.ofPlatform().daemon().name("stop-" + server.port()).start(server::close);
        return new BoundedStop(stopper, bound, startedAt);
    }

    /**
     * Waits for the stop to return, up to its bound.
     *
     * @return how long it took from its start
     * @throws AssertionError with the stuck thread's stack if it takes longer than the bound
     * @throws InterruptedException if interrupted
     */
    public Duration await() throws InterruptedException {
        Duration left = bound.minusNanos(System.nanoTime() - startedAt);
        if (left.isPositive()) {
            stopper.join(left);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        if (stopper.isAlive()) {
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : stopper.getStackTrace()) {
                stack.append("\n\tat ").append(frame);
            }
            throw new AssertionError("Switchboard.stop() did not return within " + bound + "; it is at:" + stack);
        }
        return took;
    }
}
