package dev.switchboard.server.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.server.channel.ChannelEngines;
import dev.switchboard.server.channel.ServerChannels;
import dev.switchboard.server.config.ProtocolBlock;
import dev.switchboard.server.config.ProtocolOptions;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.PluginOpener;
import dev.switchboard.server.plugin.ProtocolJarLoader;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Starts and stops generations, with what they share: a protocol's meters and channels belong to its name, so that
 * the series go on across a reload and the sessions of an old and a new generation in one channel keep hearing each
 * other; a plugin's class loader belongs to all of its protocols. Each is freed once no generation uses it.
 */
final class GenerationResources {

    // The catalog's logger: one name for the protocols' lifecycle, as logging configurations and tests know it.
    private static final System.Logger LOGGER = System.getLogger(ProtocolCatalog.class.getName());

    private final ProtocolGenerations generations;
    private final ServerMetrics metrics;
    private final ChannelEngines channelEngines;
    private final OpenConnections allConnections;
    private final PluginOpener opener;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    GenerationResources(ProtocolGenerations generations, ServerMetrics metrics, ChannelEngines channelEngines,
                        OpenConnections allConnections, PluginOpener opener) {
        this.generations = generations;
        this.metrics = metrics;
        this.channelEngines = channelEngines;
        this.allConnections = allConnections;
        this.opener = opener;
    }

    PluginOpener opener() {
        return opener;
    }

    // Starts a generation of a protocol with its block's settings; a protocol refusing them throws.
    ProtocolRuntime start(DiscoveredProtocol protocol, Path plugin, ProtocolBlock block) {
        ProtocolOptions options = new ProtocolOptions(block);
        Line line = line(protocol.name());
        ProtocolRuntime runtime = new ProtocolRuntime(protocol, plugin, options, allConnections, line.meters(),
                                                      line.channels());
        try {
            runtime.start();
        } catch (RuntimeException | Error e) {
            stopQuietly(runtime);
            // Series only for protocols that serve.
            dropLineIfUnused(protocol.name());
            throw e;
        }
        LOGGER.log(INFO, "Loaded protocol " + protocol.name() + " " + protocol.version() + " from "
                + protocol.jarName());
        for (String key : options.unreadKeys()) {
            LOGGER.log(WARNING, key + ": protocol " + protocol.name() + " has no such option; ignored");
        }
        return runtime;
    }

    static void stopQuietly(ProtocolRuntime runtime) {
        try {
            runtime.stop();
        } catch (RuntimeException | Error e) {
            LOGGER.log(ERROR, "Protocol " + runtime.name() + " failed to stop: " + ProtocolJarLoader.causeText(e));
        }
    }

    void dropLineIfUnused(String name) {
        if (!generations.runs(name)) {
            Line line = lines.remove(name);
            if (line != null) {
                line.meters().remove();
            }
        }
    }

    // A plugin's loader serves all of its protocols: close it only when no generation of them runs.
    void releaseLoaderIfUnused(DiscoveredProtocol protocol) {
        if (generations.all().noneMatch(runtime -> runtime.loader() == protocol.loader())) {
            opener.release(protocol);
        }
    }

    private Line line(String name) {
        return lines.computeIfAbsent(name, protocol -> {
            ProtocolMeters meters = metrics.protocol(protocol, () -> generations.sessionsOf(protocol));
            // A session of any generation of the protocol may join its channels.
            ServerChannels channels = channelEngines.create(
                    protocol, session -> session instanceof ServerSession own && own.subprotocol().equals(protocol));
            return new Line(meters, channels);
        });
    }

    // What a protocol's generations share.
    private record Line(ProtocolMeters meters, ServerChannels channels) {
    }
}
