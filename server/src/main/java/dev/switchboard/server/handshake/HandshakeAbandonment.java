package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.Optional;

import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.connection.HandlerWatchdog;
import dev.switchboard.server.connection.HandlerWork;
import dev.switchboard.server.runtime.ProtocolRuntime;

/**
 * A protocol's {@code abandoned}, for a handshake its {@code accept} accepted that never became a session: run on a
 * {@link HandlerThreads} thread as every other call into a protocol is, watched like one, and never on the
 * handshake's own thread, which is on its way out (a write failed, Helidon closed the connection).
 */
final class HandshakeAbandonment implements HandlerWork {

    private final ProtocolRuntime runtime;
    private final HandshakeRequest handshake;
    private final Optional<Object> attachment;
    private final Duration timeout;
    // When the call started (0: not running), and whether the watchdog has judged it.
    private volatile long since;
    private volatile boolean reported;

    private HandshakeAbandonment(ProtocolRuntime runtime,
                                 HandshakeRequest handshake,
                                 Optional<Object> attachment,
                                 Duration timeout) {
        this.runtime = runtime;
        this.handshake = handshake;
        this.attachment = attachment;
        this.timeout = timeout;
    }

    /**
     * Puts the protocol's {@code abandoned} call in line for a handler thread. The caller makes sure it is made once
     * per accepted handshake, and only for one that never opens.
     *
     * @param threads    the handler threads
     * @param runtime    the protocol
     * @param handshake  the client's request
     * @param attachment the attachment of the accepting decision
     * @param timeout    the protocol's handler timeout
     */
    static void start(HandlerThreads threads,
                      ProtocolRuntime runtime,
                      HandshakeRequest handshake,
                      Optional<Object> attachment,
                      Duration timeout) {
        threads.execute(new HandshakeAbandonment(runtime, handshake, attachment, timeout));
    }

    @Override
    public void run() {
        since = System.nanoTime();
        try {
            runtime.abandoned(handshake, attachment);
        } finally {
            since = 0;
        }
    }

    @Override
    public void watch(long now, Thread thread, HandlerWatchdog watchdog) {
        long started = since;
        if (started != 0 && !reported && now - started > timeout.toNanos()) {
            reported = true;
            watchdog.abandonedStalled(runtime, handshake, timeout, thread);
        }
    }
}
