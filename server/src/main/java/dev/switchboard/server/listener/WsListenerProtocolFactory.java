package dev.switchboard.server.listener;

import java.util.ServiceLoader;

import io.helidon.websocket.WsListener;

import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

/**
 * A listener of a jar under the name the configuration gives it. The listener is created when the protocol starts,
 * once: a disabled protocol never creates it, and a listener whose constructor throws fails its protocol alone.
 */
final class WsListenerProtocolFactory extends NamedProtocolFactory {

    private final ServiceLoader.Provider<WsListener> provider;
    private final long partialLimitBytes;

    /**
     * Creates the factory.
     *
     * @param name              the subprotocol, the name of the YAML block that names the listener
     * @param version           the jar's {@code Implementation-Version}, or empty
     * @param provider          the listener's service provider
     * @param partialLimitBytes the largest message the listener may send in parts: the protocol's send-queue limit
     */
    WsListenerProtocolFactory(String name, String version, ServiceLoader.Provider<WsListener> provider,
                              long partialLimitBytes) {
        super(name, version);
        this.provider = provider;
        this.partialLimitBytes = partialLimitBytes;
    }

    @Override
    public Protocol create(ProtocolContext context) {
        // Read here so that the server does not report the key as an option nobody read.
        context.config().string(ListenerBindings.KEY);
        return new WsListenerProtocol(name(), provider.get(), partialLimitBytes);
    }
}
