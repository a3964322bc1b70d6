package dev.switchboard.server.http;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.accept.AcceptGate;
import dev.switchboard.server.accept.AcceptedConnections;
import dev.switchboard.server.accept.RequestArrival;
import dev.switchboard.server.cluster.RedisCluster;
import dev.switchboard.server.config.ConfigError;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.handshake.WebSocketEndpoint;
import dev.switchboard.server.handshake.HandshakeCheck;
import dev.switchboard.server.handshake.HandshakeFilter;
import dev.switchboard.server.handshake.SubprotocolNegotiation;
import dev.switchboard.server.health.SchedulerProbe;
import dev.switchboard.server.health.ServerHealth;
import dev.switchboard.server.health.ServerState;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.origin.OriginPolicy;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.handshake.UpgradeToken;

import io.helidon.common.socket.SocketOptions;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * Helidon's web server as Switchboard sets it up: the WebSocket upgrade, the page, the protocol list and
 * {@code /observe} (health and metrics) on one port, with exactly the features and protocols named here. Shared by the
 * start and by {@code --check-config}, which builds the server without starting it.
 */
public final class WebServerSetup {

    // The page's files in the jar: a folder that is not a legal package name, since the server's module opens no
    // package, and Helidon could not read resources of one; and the file a folder's path stands for.
    private static final String PAGE_ROOT = "web-root";
    private static final String PAGE_WELCOME_FILE = "index.html";

    // Helidon's wording for a value it cannot convert: "Mapping of value 'abc' stored under key 'server.x' ...".
    private static final Pattern HELIDON_MAPPING_FAILURE =
            Pattern.compile("value '(.*)' stored under key '([^']*)'");

    private WebServerSetup() {
    }

    /**
     * Builds and starts the web server.
     *
     * @param server builds the server, see {@link #webServer}
     * @return the started server
     * @throws StartupException for a {@code server.*} setting Helidon refuses
     */
    public static WebServer start(Supplier<WebServer> server) {
        return readingServerConfig(() -> server.get().start());
    }

    /**
     * Runs an action that reads Helidon's {@code server.*} settings: Helidon reads most of them only when it builds
     * the server, and its errors carry the key and the value.
     *
     * @param action the action
     * @param <T>    what the action returns
     * @return what the action returned
     * @throws StartupException for a {@code server.*} setting Helidon refuses
     */
    public static <T> T readingServerConfig(Supplier<T> action) {
        try {
            return action.get();
        } catch (ConfigException e) {
            String message = String.valueOf(e.getMessage());
            Matcher mapping = HELIDON_MAPPING_FAILURE.matcher(message);
            if (mapping.find()) {
                throw new ConfigError(mapping.group(2), mapping.group(1), "is not a valid value for this setting");
            }
            throw new StartupException("server: " + message.replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /**
     * {@code /observe}: health and metrics.
     *
     * @param state     whether the server serves
     * @param catalog   the protocols
     * @param metrics   the server's meters
     * @param endpoint  the WebSocket endpoint, for its handler threads
     * @param scheduler the scheduler's lag
     * @param config    the server configuration
     * @param cluster   the cluster node, if the server is one
     * @return the feature
     */
    public static ObserveFeature observe(ServerState state,
                                         ProtocolCatalog catalog,
                                         ServerMetrics metrics,
                                         WebSocketEndpoint endpoint,
                                         SchedulerProbe scheduler,
                                         SwitchboardConfig config,
                                         Optional<RedisCluster> cluster) {
        return ObserveFeature.builder()
                // Exactly these observers, set up here: discovery would add any observer module on the class path,
                // with its defaults.
                .observersDiscoverServices(false)
                .addObserver(new ServerHealth(state, catalog, endpoint.handlerThreads(), scheduler,
                                              config.schedulerLagLimit(), cluster).observer())
                .addObserver(metrics.observer())
                .build();
    }

    /**
     * The check of every WebSocket handshake: path, subprotocol and origin.
     *
     * @param config  the server configuration
     * @param catalog the protocols
     * @param origins the origin policy of each protocol
     * @return the check
     */
    public static HandshakeCheck handshakeCheck(SwitchboardConfig config,
                                                ProtocolCatalog catalog,
                                                Function<String, OriginPolicy> origins) {
        return new HandshakeCheck(
                config.path(),
                new SubprotocolNegotiation(name -> catalog.find(name).isPresent(), config.defaultProtocol()),
                catalog::names,
                origins);
    }

    /**
     * What builds the web server, not started.
     *
     * @param root        the root configuration, whose {@code server} node Helidon reads
     * @param config      the server configuration
     * @param catalog     the protocols
     * @param endpoint    the WebSocket endpoint
     * @param check       the handshake check
     * @param metrics     the server's meters
     * @param connections the accepted connections, checked against the connection budget
     * @param cluster     the cluster node, if the server is one
     * @param observe     {@code /observe}
     * @return what builds the server
     */
    public static Supplier<WebServer> webServer(Config root,
                                                SwitchboardConfig config,
                                                ProtocolCatalog catalog,
                                                WebSocketEndpoint endpoint,
                                                HandshakeCheck check,
                                                ServerMetrics metrics,
                                                AcceptedConnections connections,
                                                Optional<RedisCluster> cluster,
                                                ObserveFeature observe) {
        return () -> {
            WebServerConfig.Builder builder = WebServer.builder().config(root.get("server"));
            // Every accepted socket passes the connection options first: that is where the budget is checked.
            builder.connectionOptions(new AcceptGate(builder.connectionOptions().orElseGet(SocketOptions::create),
                                                     connections));
            return builder
                    // Helidon's NIO socket holds an 8 KiB read and an 8 KiB write buffer for every connection, its
                    // stream socket the read buffer only: ~6 KiB less per idle connection at the same throughput
                    // (bench idle, echo, stream, fanout). server.use-nio: true restores Helidon's default.
                    .useNio(root.get("server").get("use-nio").asBoolean().orElse(false))
                    .host(config.host())
                    .port(config.port())
                    .shutdownHook(false)
                    // Exactly the features listed here, as with the protocols: none appears because a jar is on the
                    // class path.
                    .featuresDiscoverServices(false)
                    .addFeature(observe)
                    // Exactly the protocols listed here: HTTP/1.1, and Switchboard's upgraders for every spelling of
                    // "websocket". No other WebSocket upgrader may be discovered and claim the token first.
                    .protocolsDiscoverServices(false)
                    .addProtocol(Http1Config.builder()
                                         .config(root.get("server").get("protocols").get("http_1_1"))
                                         // Headers in: the connection is past its handshake deadline.
                                         .addReceiveListener(new RequestArrival(connections))
                                         .build())
                    .addProtocols(UpgradeToken.variants(endpoint))
                    .routing(routing -> routing
                            .addFilter(new HandshakeFilter(check, metrics))
                            .addFilter(new PageHeaders())
                            .addFilter(new PageRanges(PAGE_ROOT, PAGE_WELCOME_FILE))
                            .register("/protocols",
                                      new ProtocolsResource(catalog, config.path(), config.defaultProtocol(),
                                                            cluster))
                            .register("/", StaticContentService.builder(PAGE_ROOT).welcomeFileName(PAGE_WELCOME_FILE)
                                    .build()))
                    .build();
        };
    }
}
