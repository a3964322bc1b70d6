package dev.switchboard.api;

/**
 * A running protocol: one instance per server, holding the state shared by its connections.
 */
public interface Protocol {

    /**
     * Accepts a new connection that negotiated this protocol.
     *
     * <p>This is the connection's open event: the session is open and may be sent to at once. It joins
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
