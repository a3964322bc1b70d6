package dev.switchboard.server.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.ProtocolBlock;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.listener.ListenerBindings;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.PluginOpener;
import dev.switchboard.server.plugin.ProtocolJarException;
import dev.switchboard.server.plugin.ProtocolJarLoader;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The protocols as the server starts: every plugin of the protocols directory loaded, and every enabled protocol
 * started. A broken plugin, or a protocol that fails to start, is reported and left out; two plugins offering one
 * protocol, a configured protocol that no plugin provides, or a protocol refusing its options stop the start.
 */
record InitialLoad(SwitchboardConfig config,
                   ProtocolGenerations generations,
                   GenerationResources resources,
                   ListenerBindings listeners) {

    // The catalog's logger: one name for the protocols' lifecycle, as logging configurations and tests know it.
    private static final System.Logger LOGGER = System.getLogger(ProtocolCatalog.class.getName());

    // Throws StartupException (or ConfigError) when the server must not start; what started is then in generations.
    void run(List<Path> plugins) {
        Path dir = config.protocolsDir();
        Map<String, DiscoveredProtocol> discovered = new LinkedHashMap<>();
        Map<String, Path> pluginOf = new LinkedHashMap<>();
        try {
            for (Path plugin : plugins) {
                try {
                    for (DiscoveredProtocol found : resources.opener().load(plugin)) {
                        DiscoveredProtocol other = discovered.putIfAbsent(found.name(), found);
                        if (other != null) {
                            PluginOpener.closeLoader(found);
                            throw new StartupException(other.jarName().equals(found.jarName())
                                    ? found.jarName() + " has two providers of protocol '" + found.name() + "'"
                                    : "Protocol '" + found.name() + "' is provided by both " + other.jarName()
                                            + " and " + found.jarName() + " in " + dir + "; remove one of them");
                        }
                        pluginOf.put(found.name(), plugin);
                    }
                } catch (ProtocolJarException e) {
                    LOGGER.log(ERROR, "Protocol jar failed to load: " + e.getMessage());
                    generations.addInactive(ProtocolGenerations.failed(plugin, Optional.empty(), Optional.empty(),
                                                                      e.source(), e.getMessage()));
                }
            }
            List<String> failedJars = generations.failed().stream().map(ProtocolStatus::jar).toList();
            listeners.requireListed(discovered.keySet(), failedJars);
            requireProviders(discovered, failedJars);
        } catch (RuntimeException | Error e) {
            discovered.values().forEach(PluginOpener::closeLoader);
            throw e;
        }

        Map<String, ProtocolRuntime> started = new LinkedHashMap<>();
        try {
            for (DiscoveredProtocol protocol : discovered.values()) {
                Path plugin = pluginOf.get(protocol.name());
                ProtocolBlock block = config.protocol(protocol.name());
                if (!block.enabled()) {
                    LOGGER.log(INFO, "Protocol " + protocol.name() + " " + protocol.version() + " from "
                            + protocol.jarName() + " is disabled by " + block.key() + ".enabled");
                    generations.addInactive(ProtocolGenerations.disabled(plugin, protocol));
                    continue;
                }
                try {
                    started.put(protocol.name(), resources.start(protocol, plugin, block));
                    generations.serve(started);
                } catch (ProtocolConfigException e) {
                    throw new ConfigError(e.getMessage());
                } catch (RuntimeException | Error e) {
                    String error = protocol.jarName() + ": protocol " + protocol.name() + " failed to start: "
                            + ProtocolJarLoader.causeText(e);
                    LOGGER.log(ERROR, error);
                    generations.addInactive(ProtocolGenerations.failed(plugin, Optional.of(protocol.name()),
                                                                      Optional.of(protocol.version()),
                                                                      protocol.jarName(), error));
                }
            }
            config.defaultProtocol().ifPresent(name -> {
                if (!started.containsKey(name)) {
                    throw new ConfigError("switchboard.default-protocol", name,
                                          "is not a loaded and enabled protocol (loaded: "
                                                  + String.join(", ", started.keySet()) + ")");
                }
            });
        } catch (RuntimeException | Error e) {
            // Those not started: stop() closes the loaders of the running ones.
            discovered.values().forEach(resources::releaseLoaderIfUnused);
            throw e;
        }
        // Jars none of whose protocols run (disabled, or failed to start) need not stay open.
        discovered.values().forEach(resources::releaseLoaderIfUnused);
        if (started.isEmpty()) {
            LOGGER.log(WARNING, "No protocol is loaded from " + dir
                    + ": every WebSocket handshake will be refused");
        }
    }

    private void requireProviders(Map<String, DiscoveredProtocol> discovered, List<String> failedJars) {
        for (ProtocolBlock block : config.protocols().values()) {
            if (block.enabled() && !discovered.containsKey(block.name())) {
                StringBuilder message = new StringBuilder(block.key())
                        .append(": no jar in ").append(config.protocolsDir())
                        .append(" provides protocol '").append(block.name()).append("'");
                if (!failedJars.isEmpty()) {
                    message.append(" (jars that failed to load: ");
                    message.append(String.join(", ", failedJars));
                    message.append(")");
                }
                message.append("; add its jar, or set ").append(block.key()).append(".enabled: false");
                throw new ConfigError(message.toString());
            }
        }
    }
}
