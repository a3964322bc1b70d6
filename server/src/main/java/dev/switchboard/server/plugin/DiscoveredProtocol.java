package dev.switchboard.server.plugin;

import java.nio.file.Path;

import dev.switchboard.api.ProtocolFactory;

/**
 * A protocol provider found in a jar, not yet started.
 *
 * @param name    the subprotocol token
 * @param version the provider's version
 * @param jar     the jar it came from
 * @param factory the provider
 * @param loader  the jar's class loader
 */
public record DiscoveredProtocol(String name, String version, Path jar, ProtocolFactory factory, ClassLoader loader) {

    /**
     * The jar's file name, for messages.
     *
     * @return e.g. {@code reverse.jar}
     */
    public String jarName() {
        return jar.getFileName().toString();
    }
}
