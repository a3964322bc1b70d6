package dev.switchboard.server.handshake;

import dev.switchboard.server.connection.HandlerWatchdog;
import dev.switchboard.server.connection.HandlerWork;

/**
 * A call into a protocol about a handshake (its {@code accept} or its {@code abandoned}), made on a handler thread as
 * every other call into a protocol is, and watched like one: the watchdog hears once of a call that runs past the
 * protocol's {@code handler-timeout}.
 */
abstract class HandshakeCall implements HandlerWork {

    final ProtocolHandshake handshake;
    // When the call started (0: not running), and whether the watchdog has judged it.
    private volatile long since;
    private volatile boolean reported;

    HandshakeCall(ProtocolHandshake handshake) {
        this.handshake = handshake;
    }

    @Override
    public final void run() {
        since = System.nanoTime();
        try {
            call();
        } finally {
            since = 0;
        }
    }

    @Override
    public final void watch(long now, Thread thread, HandlerWatchdog watchdog) {
        long started = since;
        if (started != 0 && !reported && now - started > handshake.timeout().toNanos()) {
            reported = true;
            stalled(watchdog, thread);
        }
    }

    /** Makes the call; what the protocol throws is handled inside. */
    abstract void call();

    /**
     * Reports the call that ran past the timeout; called once.
     *
     * @param watchdog the watchdog
     * @param thread   the thread making the call
     */
    abstract void stalled(HandlerWatchdog watchdog, Thread thread);
}
