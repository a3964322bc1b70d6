package dev.switchboard.server.metrics;

import java.util.function.IntSupplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;

/**
 * The meters of TCP connections before they are requests: how many are open against the budget, how many the budget
 * refused, and how many were closed for not sending their request in time.
 */
public final class ConnectionMeters {

    private final Counter refused;
    private final Counter handshakeTimeouts;

    ConnectionMeters(ServerMetrics server, IntSupplier open, int max) {
        server.register(Gauge.builder("switchboard.connections.open", open::getAsInt)
                                .description("TCP connections open on the server's port, sessions included"));
        server.register(Gauge.builder("switchboard.connections.max", () -> max)
                                .description("The connection budget: switchboard.max-connections within the fd limit"));
        this.refused = server.register(Counter.builder("switchboard.connections.refused")
                                               .description("TCP connections closed at once: the budget was full"));
        this.handshakeTimeouts = server.register(
                Counter.builder("switchboard.handshake.timeouts")
                        .description("TCP connections closed for not completing their TLS handshake and first request"
                                             + " within switchboard.handshake-timeout"));
    }

    /** Counts a connection the budget refused. */
    public void refused() {
        refused.increment();
    }

    /** Counts a connection closed at its handshake deadline. */
    public void handshakeTimedOut() {
        handshakeTimeouts.increment();
    }
}
