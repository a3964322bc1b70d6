package dev.switchboard.server.handshake;

import java.time.Duration;

import dev.switchboard.server.connection.HandlerWatchdog;
import dev.switchboard.server.connection.HandlerWork;
import dev.switchboard.server.runtime.ProtocolRuntime;

/**
 * A call into a protocol about a handshake (its {@code accept} or its {@code abandoned}), made on a handler thread as
 * every other call into a protocol is, and watched like one: the watchdog hears once of a call that runs past the
 * protocol's {@code handler-timeout}.
 */
abstract class HandshakeCall implements HandlerWork {

    final ProtocolRuntime runtime;
    final HandshakeRequest handshake;
    final Duration timeout;
    // When the call started (0: not running), and whether the watchdog has judged it.
    private volatile long since;
    private volatile boolean reported;

    HandshakeCall(ProtocolRuntime runtime, HandshakeRequest handshake, Duration timeout) {
        this.runtime = runtime;
        this.handshake = handshake;
        this.timeout = timeout;
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
        if (started != 0 && !reported && now - started > timeout.toNanos()) {
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
