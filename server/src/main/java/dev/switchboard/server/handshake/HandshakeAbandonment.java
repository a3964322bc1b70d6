package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.Optional;

import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.connection.HandlerWatchdog;
import dev.switchboard.server.runtime.ProtocolRuntime;

/**
 * A protocol's {@code abandoned}, for a handshake its {@code accept} accepted that never became a session: run on a
 * {@link HandlerThreads} thread as every other call into a protocol is, watched like one, and never on the
 * handshake's own thread, which is on its way out (a write failed, Helidon closed the connection).
 */
final class HandshakeAbandonment extends HandshakeCall {

    private final Optional<Object> attachment;

    private HandshakeAbandonment(ProtocolRuntime runtime,
                                 HandshakeRequest handshake,
                                 Optional<Object> attachment,
                                 Duration timeout) {
        super(runtime, handshake, timeout);
        this.attachment = attachment;
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
    void call() {
        runtime.abandoned(handshake, attachment);
    }

    @Override
    void stalled(HandlerWatchdog watchdog, Thread thread) {
        watchdog.abandonedStalled(runtime, handshake, timeout, thread);
    }
}
