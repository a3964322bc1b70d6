package dev.switchboard.server.config;

import java.time.Duration;

/**
 * What a TCP connection must do to be kept before it is a request: fit in the connection budget, and send its whole
 * HTTP request (after the TLS handshake, on a TLS port) in time.
 *
 * @param maxConnections   TCP connections open at once ({@code switchboard.max-connections}); 0: as many as the
 *                         process's file descriptor limit allows, less a reserve
 * @param handshakeTimeout how long a new connection has to complete its TLS handshake and its first HTTP request's
 *                         headers ({@code switchboard.handshake-timeout})
 */
public record AcceptSettings(int maxConnections, Duration handshakeTimeout) {

    /**
     * Creates the settings.
     *
     * @param maxConnections   0 (the fd limit's bound) or more
     * @param handshakeTimeout longer than zero
     */
    public AcceptSettings {
        if (maxConnections < 0 || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("max-connections >= 0 and handshake-timeout > 0: " + maxConnections
                                                       + ", " + handshakeTimeout);
        }
    }
}
