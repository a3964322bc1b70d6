package dev.switchboard.server;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) end the process with exit code 0: a stop someone asked for is a clean exit, and the
 * shutdown hook stops the server on the way. The JVM's own handlers would exit with 143 and 130; the hook cannot
 * fix that by halting with 0, since it runs for every exit and would also replace a status a plugin asked for with
 * {@code System.exit(3)}, hiding the failure from a supervisor that restarts on it.
 */
final class StopSignals {

    private static final System.Logger LOGGER = System.getLogger(StopSignals.class.getName());
    private static final String[] NAMES = {"TERM", "INT"};

    private StopSignals() {
    }

    /**
     * Makes SIGTERM and SIGINT exit with 0. A signal the JVM keeps for itself (with {@code -Xrs}, for example) keeps
     * its default handling: the server still stops, and the exit code is the JVM's.
     */
    static void exitCleanlyOnStop() {
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException e) {
                LOGGER.log(System.Logger.Level.DEBUG, () -> "SIG" + name + " keeps the JVM's handling", e);
            }
        }
    }
}
