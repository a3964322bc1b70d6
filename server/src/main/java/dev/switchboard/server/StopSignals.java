package dev.switchboard.server;

import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop: the caller stops the server on a thread that keeps the JVM up,
 * then exits with code 0, since a stop someone asked for is a clean exit. The JVM's own handling would run the
 * shutdown hooks and exit with 143 or 130, and a hook cannot fix that by halting with 0: it runs for every exit, and
 * would also replace a status a plugin asked for with {@code System.exit(3)}, hiding the failure from a supervisor
 * that restarts on it. Stopping outside the hooks also keeps logging alive while sessions close, so each gets its
 * line in the session log: once the hooks run, {@code java.util.logging}'s own hook closes the handlers.
 */
final class StopSignals {

    private static final System.Logger LOGGER = System.getLogger(StopSignals.class.getName());
    private static final String[] NAMES = {"TERM", "INT"};

    private final CountDownLatch requested = new CountDownLatch(1);

    private StopSignals() {
    }

    /**
     * Handles SIGTERM and SIGINT from now on. A second signal while the stop is running exits at once. A signal the
     * JVM keeps for itself (with {@code -Xrs}, for example) keeps its default handling: the shutdown hooks run.
     *
     * @return the handler, to wait on
     */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> signals.received());
            } catch (IllegalArgumentException e) {
                LOGGER.log(System.Logger.Level.DEBUG, () -> "SIG" + name + " keeps the JVM's handling", e);
            }
        }
        return signals;
    }

    /**
     * Waits until a stop is requested.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void await() throws InterruptedException {
        requested.await();
    }

    private void received() {
        if (requested.getCount() == 0) {
            // Asked again while stopping: whoever sends it twice does not want to wait.
            System.exit(0);
        }
        requested.countDown();
    }
}
