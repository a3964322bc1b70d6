package dev.switchboard.server.accept;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.socket.SocketOptions;

/**
 * The listener's connection options, which Helidon applies to each socket it accepts, on its accept thread, before
 * anything reads from it: the one place where every new connection passes at once. Here it also meets the connection
 * budget. A connection over the budget makes the configuration fail, and Helidon's listener then closes that socket,
 * releases what it counted for it, and goes on accepting; a failure of this kind never ends the listener.
 */
public final class AcceptGate implements SocketOptions {

    private final SocketOptions options;
    private final AcceptedConnections connections;

    /**
     * Creates the gate.
     *
     * @param options     the options configured for the listener ({@code server.connection-options})
     * @param connections the budget and the connections in it
     */
    public AcceptGate(SocketOptions options, AcceptedConnections connections) {
        this.options = options;
        this.connections = connections;
    }

    @Override
    public void configureSocket(SocketChannel channel) {
        options.configureSocket(channel);
        boolean admitted;
        try {
            admitted = connections.admit(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!admitted) {
            throw new OverBudget();
        }
    }

    @Override
    public void configureSocket(Socket socket) {
        options.configureSocket(socket);
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return options.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return options.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return options.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return options.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return options.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return options.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return options.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return options.tcpNoDelay();
    }

    @Override
    public String toString() {
        return options.toString();
    }

    // Thrown for every refused connection under a flood: no stack trace to fill in, as nobody reads it.
    private static final class OverBudget extends RuntimeException {

        private OverBudget() {
            super("over the connection budget", null, false, false);
        }
    }
}
