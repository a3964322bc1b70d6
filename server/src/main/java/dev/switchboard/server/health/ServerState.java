package dev.switchboard.server.health;

import java.util.Locale;

/**
 * Where a server is in its life, for readiness: it takes connections only while {@link Phase#SERVING}.
 */
public final class ServerState {

    private volatile Phase phase = Phase.STARTING;

    /** The server listens and takes handshakes. */
    public void serving() {
        phase = Phase.SERVING;
    }

    /** The server refuses new handshakes and is closing its sessions. */
    public void stopping() {
        phase = Phase.STOPPING;
    }

    /**
     * The current phase.
     *
     * @return the phase
     */
    public Phase phase() {
        return phase;
    }

    /** The phases, in order. */
    public enum Phase {
        /** Loading protocols and binding the port. */
        STARTING,
        /** Taking handshakes. */
        SERVING,
        /** Refusing handshakes (503) and closing sessions. */
        STOPPING;

        /**
         * The name shown in health details.
         *
         * @return e.g. {@code serving}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
