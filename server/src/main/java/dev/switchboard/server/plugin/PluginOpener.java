package dev.switchboard.server.plugin;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens the plugins of a server and closes them again: loads a plugin's protocols in a class loader of its own, from a
 * private copy when the server reloads plugins (see {@link PluginShadow}), and closes that loader and copy once no
 * protocol of the plugin runs.
 */
public final class PluginOpener implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(PluginOpener.class.getName());

    private final AdaptedProviders adapted;
    private final Optional<PluginShadow> shadow;

    /**
     * Creates the opener.
     *
     * @param adapted the providers of other interfaces that the plugins may list, adapted as protocols
     * @param copies  whether to load from private copies: when the server reloads plugins
     */
    public PluginOpener(AdaptedProviders adapted, boolean copies) {
        this.adapted = adapted;
        this.shadow = copies ? Optional.of(PluginShadow.create()) : Optional.empty();
    }

    /**
     * Loads a plugin's protocols.
     *
     * @param plugin the jar or plugin folder in the protocols directory
     * @return its protocols, sharing one class loader
     * @throws ProtocolJarException if the plugin cannot be loaded
     */
    public List<DiscoveredProtocol> load(Path plugin) throws ProtocolJarException {
        if (shadow.isEmpty()) {
            return ProtocolJarLoader.load(plugin, adapted);
        }
        Path copy = shadow.get().copy(plugin);
        try {
            return ProtocolJarLoader.load(copy, adapted);
        } catch (ProtocolJarException | RuntimeException e) {
            shadow.get().delete(copy);
            throw e;
        }
    }

    /**
     * Closes a protocol's class loader and deletes the copy it loaded from.
     *
     * @param protocol a protocol of the plugin, none of whose protocols runs
     */
    public void release(DiscoveredProtocol protocol) {
        closeLoader(protocol);
        shadow.ifPresent(copies -> copies.delete(protocol.jar()));
    }

    /**
     * Closes a protocol's class loader, which its plugin's other protocols share.
     *
     * @param protocol a protocol of the plugin, none of whose protocols runs
     */
    public static void closeLoader(DiscoveredProtocol protocol) {
        if (protocol.loader() instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOGGER.log(System.Logger.Level.DEBUG, () -> "Closing the loader of " + protocol.jarName(), e);
            }
        }
    }

    /** Deletes what is left of the copies. */
    @Override
    public void close() {
        shadow.ifPresent(PluginShadow::close);
    }
}
