package dev.switchboard.server.handshake;

import java.util.Optional;

import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.connection.HandlerWatchdog;

/**
 * A protocol's {@code abandoned}, for a handshake its {@code accept} accepted that never became a session: run on a
 * {@link HandlerThreads} thread as every other call into a protocol is, watched like one, and never on the
 * handshake's own thread, which is on its way out (a write failed, Helidon closed the connection).
 */
final class HandshakeAbandonment extends HandshakeCall {

    private final Optional<Object> attachment;

    private HandshakeAbandonment(ProtocolHandshake handshake, Optional<Object> attachment) {
        super(handshake);
        this.attachment = attachment;
    }

    /**
     * Puts the protocol's {@code abandoned} call in line for a handler thread. The caller makes sure it is made once
     * per accepted handshake, and only for one that never opens.
     *
     * @param handshake  the handshake and its protocol
     * @param attachment the attachment of the accepting decision
     */
    static void start(ProtocolHandshake handshake, Optional<Object> attachment) {
        handshake.threads().execute(new HandshakeAbandonment(handshake, attachment));
    }

    @Override
    void call() {
        handshake.runtime().abandoned(handshake.request(), attachment);
    }

    @Override
    void stalled(HandlerWatchdog watchdog, Thread thread) {
        watchdog.abandonedStalled(handshake.runtime(), handshake.request(), handshake.timeout(), thread);
    }
}
