package dev.switchboard.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.connection.WebSocketEndpoint;
import dev.switchboard.server.handshake.HandshakeFilter;
import dev.switchboard.server.handshake.SubprotocolNegotiation;
import dev.switchboard.server.http.ProtocolsResource;
import dev.switchboard.server.runtime.ProtocolCatalog;

import io.helidon.config.Config;
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

    private final SwitchboardConfig config;
    private final ProtocolCatalog catalog;
    private final WebServer server;

    private Switchboard(SwitchboardConfig config, ProtocolCatalog catalog, WebServer server) {
        this.config = config;
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
            WebServer server = webServer(root, config, catalog).start();
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                throw cannotListen(config, bindFailure(config).orElse("the port could not be bound"));
            }
            Switchboard switchboard = new Switchboard(config, catalog, server);
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
     * The protocols of this server.
     *
     * @return the catalog
     */
    public ProtocolCatalog catalog() {
        return catalog;
    }

    /**
     * Closes every session with 1001, waits briefly for the replies, then stops the server and the protocols.
     */
    public void stop() {
        catalog.closeSessions(CloseStatus.GOING_AWAY, CLOSE_WAIT);
        server.stop();
        catalog.stop();
    }

    private static WebServer webServer(Config root, SwitchboardConfig config, ProtocolCatalog catalog) {
        SubprotocolNegotiation negotiation =
                new SubprotocolNegotiation(name -> catalog.find(name).isPresent(), config.defaultProtocol());
        return WebServer.builder()
                .config(root.get("server"))
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .addProtocol(WsConfig.builder().maxFrameLength(config.maxMessageBytes()).build())
                .routing(routing -> routing
                        .addFilter(new HandshakeFilter(config.path(), negotiation, catalog.names()))
                        .register("/protocols", new ProtocolsResource(catalog, config.path(), config.defaultProtocol()))
                        .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build()))
                .addRouting(WebSocketEndpoint.routing(config.path(), catalog, negotiation, config.maxMessageBytes()))
                .build();
    }

    private static StartupException cannotListen(SwitchboardConfig config, String reason) {
        return new StartupException("Cannot listen on " + config.host() + ":" + config.port() + " (" + reason
                                            + "); set server.port to a free port");
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
