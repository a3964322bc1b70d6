package dev.switchboard.bench.helidon;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;

/**
 * The raw Helidon anchor of {@code bench compare}: Helidon 4.5.0's own WebSocket connection
 * ({@code helidon-webserver-websocket}) serving {@code echo}, {@code reverse}, {@code dumb-increment-protocol} and
 * {@code lws-mirror-protocol}, written directly on {@link io.helidon.websocket.WsListener}, with no plugin layer.
 *
 * <p>Run as its own process on a class path without Switchboard's server jar, so that Helidon's own upgrader is the
 * only one discovered: {@code RawHelidonServer [--port N]} (default 0, any free port) prints
 * {@code raw-helidon listening on PORT} once it listens on 127.0.0.1. Nagle is off, as in Switchboard.
 */
public final class RawHelidonServer {

    private RawHelidonServer() {
    }

    /**
     * Starts the server.
     *
     * @param args {@code --port N}
     */
    public static void main(String[] args) {
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            }
        }
        DumbIncrement dumbIncrement = new DumbIncrement();
        Mirrors mirrors = new Mirrors();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .addRouting(WsRouting.builder().endpoint("/", () -> new RawListener(dumbIncrement, mirrors)))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dumbIncrement.stop();
            server.stop();
        }, "raw-helidon-shutdown"));
        System.out.println("raw-helidon listening on " + server.port());
        System.out.flush();
    }
}
