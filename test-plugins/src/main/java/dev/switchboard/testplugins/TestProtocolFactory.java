package dev.switchboard.testplugins;

import java.util.function.Function;

import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

/**
 * A test plugin's factory, given its protocol's name, its version (1.0.0 unless said) and how it creates the protocol.
 * Every plugin jar packs this package beside its own (see pom.xml), since each jar is loaded on its own.
 */
public abstract class TestProtocolFactory extends NamedProtocolFactory {

    private final Function<ProtocolContext, Protocol> protocol;

    /**
     * @param name     the protocol's name
     * @param protocol creates the protocol from its context
     */
    protected TestProtocolFactory(String name, Function<ProtocolContext, Protocol> protocol) {
        this(name, "1.0.0", protocol);
    }

    /**
     * @param name     the protocol's name
     * @param version  the protocol's version
     * @param protocol creates the protocol from its context
     */
    protected TestProtocolFactory(String name, String version, Function<ProtocolContext, Protocol> protocol) {
        super(name, version);
        this.protocol = protocol;
    }

    @Override
    public final Protocol create(ProtocolContext context) {
        return protocol.apply(context);
    }
}
