package dev.switchboard.server.connection;

/**
 * Work for the {@link HandlerThreads}: calls into a protocol, which the {@link HandlerWatchdog} looks at while they
 * run.
 */
public interface HandlerWork {

    /** Makes the calls; a protocol's failure is handled inside, so this never throws. */
    void run();

    /**
     * Called on the watchdog's tick while a thread runs this work.
     *
     * @param now      {@link System#nanoTime()}
     * @param thread   the thread running it
     * @param watchdog the watchdog, for a call past its timeout
     */
    void watch(long now, Thread thread, HandlerWatchdog watchdog);
}
