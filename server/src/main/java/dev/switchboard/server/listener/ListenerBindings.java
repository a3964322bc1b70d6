package dev.switchboard.server.listener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import io.helidon.websocket.WsListener;

import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.ProtocolBlock;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.plugin.AdaptedProviders;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.ProtocolJarException;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.plugin.SubprotocolToken;

/**
 * Which subprotocol each Helidon listener serves: the YAML names it, {@code switchboard.protocols.chat.listener:
 * com.example.ChatListener}, matched against the class a jar lists in
 * {@code META-INF/services/io.helidon.websocket.WsListener}. A listener has no name of its own, and a jar's file name
 * is no contract, so the name is always explicit:
 * <ul>
 *     <li>a listener that no block names fails its jar, with the key to add (the jar's other providers too: set
 *     {@code enabled: false} in a block to leave one listener of a jar unserved);</li>
 *     <li>two blocks naming one class serve it under two subprotocols, each with an instance of its own;</li>
 *     <li>a block whose class no jar lists stops the start, naming the key and the class;</li>
 *     <li>two jars listing one named class offer one subprotocol twice, which stops the start as for any protocol.</li>
 * </ul>
 */
public final class ListenerBindings implements AdaptedProviders {

    /** The key of a protocol block that names a listener class. */
    public static final String KEY = "listener";
    /** The service file that lists a jar's listeners. */
    public static final String SERVICE_FILE = "META-INF/services/" + WsListener.class.getName();

    private final Path protocolsDir;
    // Listener class name to the blocks naming it, in file order.
    private final Map<String, List<Binding>> byClass;

    private ListenerBindings(Path protocolsDir, Map<String, List<Binding>> byClass) {
        this.protocolsDir = protocolsDir;
        this.byClass = byClass;
    }

    /**
     * Reads the {@code listener} keys of every protocol block.
     *
     * @param config the server configuration
     * @return the bindings
     * @throws ConfigError if a block naming a listener has a name that is not a subprotocol token
     */
    public static ListenerBindings from(SwitchboardConfig config) {
        Map<String, List<Binding>> byClass = new LinkedHashMap<>();
        for (ProtocolBlock block : config.protocols().values()) {
            String className = block.options().get(KEY);
            if (className == null) {
                continue;
            }
            if (!SubprotocolToken.isValid(block.name())) {
                throw new ConfigError(block.key() + "." + KEY + ": '" + block.name()
                                              + "' is not a valid subprotocol token");
            }
            long partialLimit = config.connection(block.name()).queueLimitBytes();
            byClass.computeIfAbsent(className.strip(), c -> new ArrayList<>())
                    .add(new Binding(block, partialLimit));
        }
        return new ListenerBindings(config.protocolsDir(), byClass);
    }

    @Override
    public String serviceFile() {
        return SERVICE_FILE;
    }

    @Override
    public Map<String, ClassLoader> sharedPackages() {
        return ListenerApiPackages.shared();
    }

    @Override
    public List<DiscoveredProtocol> discover(Path location, String source, ClassLoader loader)
            throws ProtocolJarException {
        List<ServiceLoader.Provider<WsListener>> providers;
        try {
            // A listener visible through a parent loader is not this jar's.
            providers = ContextClassLoader.call(loader, () -> ServiceLoader.load(WsListener.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .toList());
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new ProtocolJarException(source, ProtocolJarLoader.causeText(e));
        }
        List<DiscoveredProtocol> found = new ArrayList<>();
        for (ServiceLoader.Provider<WsListener> provider : providers) {
            String className = provider.type().getName();
            List<Binding> bindings = byClass.get(className);
            if (bindings == null) {
                throw new ProtocolJarException(source, "listener " + className + " serves no subprotocol: name one with "
                        + ProtocolBlock.KEY_PREFIX + "<subprotocol>." + KEY + ": " + className);
            }
            String version = implementationVersion(provider.type());
            for (Binding binding : bindings) {
                String name = binding.block().name();
                found.add(new DiscoveredProtocol(name, version, location, source, new WsListenerProtocolFactory(
                        name, version, provider, binding.partialLimitBytes()), loader));
            }
        }
        return found;
    }

    /**
     * Makes sure every listener an enabled protocol block names was found in a jar.
     *
     * @param discovered the names of the protocols every jar provided
     * @param failedJars the jars that failed to load, for the message
     * @throws ConfigError naming the first key whose class no jar lists
     */
    public void requireListed(Collection<String> discovered, Collection<String> failedJars) {
        byClass.forEach((className, bindings) -> {
            for (Binding binding : bindings) {
                if (binding.block().enabled() && !discovered.contains(binding.block().name())) {
                    throw new ConfigError(binding.block().key() + "." + KEY + ": no jar in " + protocolsDir
                            + " lists " + className + " in " + SERVICE_FILE
                            + (failedJars.isEmpty() ? "" : " (jars that failed to load: "
                            + String.join(", ", failedJars) + ")"));
                }
            }
        });
    }

    // The jar's manifest gives its package a version (Implementation-Version); none is no version.
    private static String implementationVersion(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "" : version;
    }

    private record Binding(ProtocolBlock block, long partialLimitBytes) {
    }
}
