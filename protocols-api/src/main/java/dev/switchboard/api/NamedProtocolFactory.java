package dev.switchboard.api;

import java.util.Objects;

/**
 * A {@link ProtocolFactory} whose name and version are given to its constructor, so that a factory writes only
 * {@link #create(ProtocolContext)}:
 *
 * <pre>{@code
 * public final class EchoProtocolFactory extends NamedProtocolFactory {
 *     public EchoProtocolFactory() {
 *         super("echo", "1.0.0");
 *     }
 *
 *     @Override
 *     public Protocol create(ProtocolContext context) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The name and version cannot depend on the configuration: the server reads them before it calls {@code create}.
 * A factory that implements {@link ProtocolFactory} directly works the same way; this class only spares it the two
 * methods.
 *
 * @since 1.2
 */
public abstract class NamedProtocolFactory implements ProtocolFactory {

    private final String name;
    private final String version;

    /**
     * Creates the factory. A subclass calls this from its public no-argument constructor, which
     * {@link java.util.ServiceLoader} needs.
     *
     * @param name    the subprotocol token, returned by {@link #name()}
     * @param version the protocol's version, returned by {@link #version()}
     * @throws NullPointerException if either is {@code null}
     */
    protected NamedProtocolFactory(String name, String version) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.version = Objects.requireNonNull(version, "version is null");
    }

    /**
     * {@inheritDoc}
     *
     * @return the name given to the constructor
     */
    @Override
    public final String name() {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * @return the version given to the constructor
     */
    @Override
    public final String version() {
        return version;
    }
}
