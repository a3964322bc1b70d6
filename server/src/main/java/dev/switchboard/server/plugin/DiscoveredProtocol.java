package dev.switchboard.server.plugin;

import java.nio.file.Path;

import dev.switchboard.api.ProtocolFactory;

/**
 * A protocol provider found in a jar or plugin folder, not yet started.
 *
 * @param name    the subprotocol token
 * @param version the provider's version
 * @param jar     the jar, or the plugin folder, it came from
 * @param jarName the name of that jar or folder for messages and the protocol list: {@code chat.jar}, {@code chat/}
 * @param factory the provider
 * @param loader  the plugin's class loader
 */
public record DiscoveredProtocol(String name,
                                 String version,
                                 Path jar,
                                 String jarName,
                                 ProtocolFactory factory,
                                 ClassLoader loader) {

    /**
     * A provider from a plugin that is a single jar, named by the jar's file name.
     *
     * @param name    the subprotocol token
     * @param version the provider's version
     * @param jar     the jar
     * @param factory the provider
     * @param loader  the jar's class loader
     */
    public DiscoveredProtocol(String name, String version, Path jar, ProtocolFactory factory, ClassLoader loader) {
        this(name, version, jar, jar.getFileName().toString(), factory, loader);
    }
}
