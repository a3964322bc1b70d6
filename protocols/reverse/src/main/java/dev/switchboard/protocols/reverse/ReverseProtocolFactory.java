package dev.switchboard.protocols.reverse;

import java.util.Objects;

import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

/**
 * Entry point of the {@code reverse} protocol: each message comes back reversed. It has no options.
 */
public final class ReverseProtocolFactory extends NamedProtocolFactory {

    /** The subprotocol token. */
    static final String NAME = "reverse";
    /** The protocol's version. */
    static final String VERSION = "1.0.0";

    /**
     * Creates the factory; public and argument-free for {@link java.util.ServiceLoader}.
     */
    public ReverseProtocolFactory() {
        super(NAME, VERSION);
    }

    @Override
    public Protocol create(ProtocolContext context) {
        Objects.requireNonNull(context, "context is null");
        return new ReverseProtocol();
    }
}
