package dev.switchboard.server.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Providers of another WebSocket API than {@link dev.switchboard.api.ProtocolFactory} that a protocol jar may list,
 * which the server adapts into protocols (Helidon's {@code WsListener}). The loader asks it about every jar whose
 * service file it names; this package stays free of that API.
 */
public interface AdaptedProviders {

    /**
     * The service file that lists such providers in a jar.
     *
     * @return e.g. {@code META-INF/services/io.helidon.websocket.WsListener}
     */
    String serviceFile();

    /**
     * The packages of that API that a jar listing such providers sees, each taken from the server's copy so that
     * the jar and the server share the types: package name to the loader of the server's copy. Only these packages
     * are added to what every protocol jar sees; subpackages are not included.
     *
     * @return package name to loader
     */
    Map<String, ClassLoader> sharedPackages();

    /**
     * Finds and names the providers of a plugin, as protocols.
     *
     * @param location the plugin's jar or folder
     * @param source   its name for messages: {@code chat.jar}, or {@code chat/} for a folder
     * @param loader   the plugin's class loader, which sees {@link #sharedPackages()}
     * @return one protocol per name the configuration gives a provider of the plugin
     * @throws ProtocolJarException if a provider cannot be loaded or is named by no configuration
     */
    List<DiscoveredProtocol> discover(Path location, String source, ClassLoader loader) throws ProtocolJarException;
}
