package dev.switchboard.server;

import sun.misc.Signal;

/**
 * SIGHUP as a request to reload the configuration, as daemons take it. The reload runs on a thread of its own, not on
 * the JVM's signal thread; reloads run one at a time.
 */
final class ReloadSignal {

    private static final System.Logger LOGGER = System.getLogger(ReloadSignal.class.getName());

    private ReloadSignal() {
    }

    /**
     * Handles SIGHUP from now on. A JVM that keeps the signal for itself ({@code -Xrs}) keeps its handling.
     *
     * @param reload reads the configuration again and applies it
     */
    static void install(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> Thread.ofPlatform().name("switchboard-reload-config")
                    .start(reload));
        } catch (IllegalArgumentException e) {
            // Ignored when the JVM started (nohup does that), or kept by the JVM (-Xrs): an operator should know.
            LOGGER.log(System.Logger.Level.INFO, "SIGHUP is not handled here (" + e.getMessage() + "; started under "
                    + "nohup?): a configuration change needs a restart; protocol jars still reload");
        }
    }
}
