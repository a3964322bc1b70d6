/**
 * The Switchboard server. It exports nothing and opens nothing: protocol jars run in the same process, each in a
 * class loader of its own, and see the server only through {@code dev.switchboard.api}; a plugin that reflects on a
 * server object it was handed ({@code session.getClass()}) cannot make its private members accessible. Run it on
 * the module path ({@code ./switchboard} does) for that boundary to hold: on the class path every package is open.
 */
module dev.switchboard.server {
    requires dev.switchboard.api;

    requires io.helidon.common;
    requires io.helidon.common.buffers;
    requires io.helidon.common.concurrency.limits;
    requires io.helidon.common.media.type;
    requires io.helidon.common.socket;
    requires io.helidon.common.uri;
    requires io.helidon.common.tls;
    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.helidon.health;
    requires io.helidon.health.checks;
    requires io.helidon.http;
    requires io.helidon.json;
    requires io.helidon.logging.common;
    requires io.helidon.logging.jul;
    requires io.helidon.metrics.api;
    requires io.helidon.webserver;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.health;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.webserver.staticcontent;
    requires io.helidon.websocket;

    // The Redis client of the cluster engine, an automatic module; it reads Netty and Reactor, which are on the module
    // path beside it (the launcher adds ALL-MODULE-PATH). Netty's common module for the Future that stopping Lettuce's
    // threads returns.
    requires lettuce.core;
    requires io.netty.common;

    requires java.logging;
    requires jdk.management;
    requires jdk.unsupported;

    uses dev.switchboard.api.ProtocolFactory;
    uses io.helidon.websocket.WsListener;

    provides io.helidon.webserver.http1.spi.Http1UpgradeProvider
            with dev.switchboard.server.handshake.SwitchboardUpgradeProvider;
}
