package dev.switchboard.server.testing;

import java.net.URI;

/**
 * A Switchboard reached on 127.0.0.1, whether in this JVM ({@link TestServer}, {@link SwitchboardServer}), as a
 * process of its own ({@code lifecycle.ServerProcess}) or through a proxy ({@link Nginx}): what a test needs to reach
 * it.
 */
public interface LoopbackServer {

    /**
     * The port.
     *
     * @return the port the server listens on
     */
    int port();

    /**
     * The WebSocket URI of the server's root path.
     *
     * @return {@code ws://127.0.0.1:PORT/}
     */
    default URI ws() {
        return URI.create("ws://127.0.0.1:" + port() + "/");
    }

    /**
     * An HTTP URI on the server.
     *
     * @param path the path, starting with '/'
     * @return the URI
     */
    default URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }
}
