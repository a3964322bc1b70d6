package dev.switchboard.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.connection.WebSocketEndpoint;
import dev.switchboard.server.handshake.HandshakeFilter;
import dev.switchboard.server.handshake.SubprotocolNegotiation;
import dev.switchboard.server.http.ProtocolsResource;
import dev.switchboard.server.runtime.ProtocolCatalog;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.staticcontent.StaticContentService;
import io.helidon.webserver.websocket.WsConfig;

/**
 * A running Switchboard: the protocols, and the Helidon web server that serves them, the page and the protocol list
 * on one port.
 */
public final class Switchboard {

    private static final System.Logger LOGGER = System.getLogger(Switchboard.class.getName());

    // How long stop() waits for clients to answer the 1001 close frames.
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    // Helidon's wording for a value it cannot convert: "Mapping of value 'abc' stored under key 'server.x' ...".
    private static final Pattern HELIDON_MAPPING_FAILURE =
            Pattern.compile("value '(.*)' stored under key '([^']*)'");

    private final ProtocolCatalog catalog;
    private final WebServer server;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Switchboard(ProtocolCatalog catalog, WebServer server) {
        this.catalog = catalog;
        this.server = server;
    }

    /**
     * Validates the configuration, loads the protocols and starts listening.
     *
     * @param root the root configuration
     * @param home the directory a relative protocols directory is resolved against
     * @return the running server
     * @throws StartupException for anything the user must fix
     */
    public static Switchboard start(Config root, Path home) {
        SwitchboardConfig config = SwitchboardConfig.from(root, home);
        // Checked before Helidon binds, which would log a stack trace and carry on without a listener.
        bindFailure(config).ifPresent(reason -> {
            throw cannotListen(config, reason);
        });
        ProtocolCatalog catalog = ProtocolCatalog.start(config);
        try {
            WebServer server = start(webServer(root, config, catalog));
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                throw cannotListen(config, bindFailure(config).orElse("the port could not be bound"));
            }
            Switchboard switchboard = new Switchboard(catalog, server);
            LOGGER.log(System.Logger.Level.INFO, "Switchboard serves http://" + config.host() + ":" + server.port()
                    + "/ with WebSocket path " + config.path() + " and protocols: " + catalog.names());
            return switchboard;
        } catch (RuntimeException e) {
            catalog.stop();
            throw e;
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Closes every session with 1001, waits briefly for the replies, then stops the server and the protocols.
     * Stopping twice does nothing.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        catalog.closeSessions(CloseStatus.GOING_AWAY, CLOSE_WAIT);
        server.stop();
        catalog.stop();
    }

    // Helidon reads most server.* keys only when it builds the server; their errors carry the key and the value.
    private static WebServer start(Supplier<WebServer> server) {
        try {
            return server.get().start();
        } catch (ConfigException e) {
            String message = String.valueOf(e.getMessage());
            Matcher mapping = HELIDON_MAPPING_FAILURE.matcher(message);
            if (mapping.find()) {
                throw new ConfigError(mapping.group(2), mapping.group(1), "is not a valid value for this setting");
            }
            throw new StartupException("server: " + message.replaceAll("\\s*\\R\\s*", " "));
        }
    }

    private static Supplier<WebServer> webServer(Config root, SwitchboardConfig config, ProtocolCatalog catalog) {
        SubprotocolNegotiation negotiation =
                new SubprotocolNegotiation(name -> catalog.find(name).isPresent(), config.defaultProtocol());
        return () -> WebServer.builder()
                .config(root.get("server"))
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .addProtocol(WsConfig.builder().maxFrameLength(config.maxMessageBytes()).build())
                .routing(routing -> routing
                        .addFilter(new HandshakeFilter(config.path(), negotiation, catalog.names()))
                        .register("/protocols", new ProtocolsResource(catalog, config.path(), config.defaultProtocol()))
                        .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build()))
                .addRouting(WebSocketEndpoint.routing(config.path(), catalog, negotiation, config.maxMessageBytes(),
                                                      config.queueLimitBytes()))
                .build();
    }

    private static StartupException cannotListen(SwitchboardConfig config, String reason) {
        String advice = reason.contains("in use") ? "; set server.port to a free port"
                : "; check server.host and server.port";
        return new StartupException("Cannot listen on " + config.host() + ":" + config.port() + " (" + reason + ")"
                                            + advice);
    }

    // Binding once ourselves tells whether the port is free, and if not, why, in the JDK's words.
    private static Optional<String> bindFailure(SwitchboardConfig config) {
        if (config.port() == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.host(), config.port()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
