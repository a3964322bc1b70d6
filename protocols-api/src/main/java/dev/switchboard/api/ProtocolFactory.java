package dev.switchboard.api;

/**
 * The entry point of a protocol jar, found with {@link java.util.ServiceLoader}.
 *
 * <p>List the implementing class in {@code META-INF/services/dev.switchboard.api.ProtocolFactory} inside the jar.
 * The class needs a public no-argument constructor; keep it cheap, since all work belongs in
 * {@link #create(ProtocolContext)}. Extending {@link NamedProtocolFactory} gives {@link #name()} and {@link #version()}
 * from constructor arguments.
 */
public interface ProtocolFactory {

    /**
     * The subprotocol token this protocol answers to, as sent by clients in {@code Sec-WebSocket-Protocol}
     * (for example {@code "dumb-increment-protocol"}). It is also the name of the protocol's configuration block.
     *
     * @return a non-empty RFC 6455 subprotocol token
     */
    String name();

    /**
     * The protocol's version, shown in logs and in the server's protocol list.
     *
     * @return a version string such as {@code "1.0.0"}
     */
    String version();

    /**
     * Starts the protocol. Called once, before any connection is handed to it.
     *
     * <p>Read options from {@link ProtocolContext#config()} here: a value that does not parse throws
     * {@link ProtocolConfigException}, which stops the server with a message naming the key. Any other exception
     * marks this protocol as failed; the server starts without it.
     *
     * @param context the protocol's view of the server: configuration, open sessions, timers, logger
     * @return the running protocol
     */
    Protocol create(ProtocolContext context);
}
