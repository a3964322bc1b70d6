package dev.switchboard.api;

import java.util.Optional;

/**
 * A running protocol: one instance per server, holding the state shared by its connections.
 */
public interface Protocol {

    /**
     * Decides whether to accept a handshake that negotiated this protocol, before the server answers it: a token
     * check, a limit of the protocol's own, a query parameter that must be valid. The server has already checked
     * everything RFC 6455 and its own configuration ask for.
     *
     * <p>Called on a handler thread while the handshake waits, once per handshake, before {@link #open(Session)};
     * keep it quick: the handshake holds one of the server's session slots ({@code max-sessions}) while it waits, so
     * a hook that waits on a remote check should come with a {@code max-sessions} of its protocol's own, and one that
     * takes longer than the protocol's {@code handler-timeout} costs its client a 503. A refused client gets the
     * decision's HTTP status and reason. If this method throws or returns {@code null},
     * the client gets 500 and the failure is logged. An accepted handshake is usually, but not always, followed
     * by {@code open}: the client may go away in between, and then {@link #abandoned(Handshake, Optional)} is
     * called instead, so that whatever this method reserved can be released.
     *
     * @param handshake the client's request
     * @return the decision; the default accepts every handshake
     */
    default HandshakeDecision accept(Handshake handshake) {
        return HandshakeDecision.accept();
    }

    /**
     * A handshake that {@link #accept(Handshake)} accepted never became a session: the client was gone when the
     * server wrote the 101 response, the server stopped before the session started, or the handshake was refused
     * after all because {@code accept} took longer than the protocol's {@code handler-timeout} (the client got 503
     * while {@code accept} was still deciding). Called once, instead of {@link #open(Session)}, on a handler thread
     * with the protocol's class loader; release here what {@code accept} reserved. Every accepted handshake gets
     * exactly one of {@code open} and {@code abandoned}. A client that closes its connection right after its request
     * may still get {@code open}, followed at once by {@link MessageHandler#onClose(CloseStatus)}: the server cannot
     * always tell that it is gone before the 101 is written. If this method throws, the failure is logged and counted,
     * and nothing else happens.
     *
     * @param handshake  the client's request
     * @param attachment the attachment of the accepting decision, or empty
     */
    default void abandoned(Handshake handshake, Optional<Object> attachment) {
    }

    /**
     * Accepts a new connection that negotiated this protocol.
     *
     * <p>This is the connection's open event: the session is open and may be sent to at once. The client has its
     * 101 response a moment before this call: a protocol that relays between sessions relays to this one from
     * here on, not from the handshake. It joins
     * {@link ProtocolContext#sessions()} once this method has returned. If this method throws, the session is
     * closed with {@link CloseStatus#INTERNAL_ERROR} and its handler never called.
     *
     * @param session the new connection
     * @return the handler that receives this connection's messages and its close event
     */
    MessageHandler open(Session session);

    /**
     * Called once when the server stops, after the protocol's sessions were closed. Release resources here.
     * Timers scheduled through {@link ProtocolContext} are cancelled by the server.
     */
    default void stop() {
    }
}
