package dev.switchboard.server.config;

import java.time.Duration;

/**
 * How every WebSocket connection is held to account: sizes, timeouts and keepalive.
 *
 * @param maxMessageBytes   the largest message a client may send ({@code switchboard.max-message-size})
 * @param queueLimitBytes   bytes queued for one client before it counts as not reading
 *                          ({@code switchboard.send-queue-limit})
 * @param sendTimeout       how long a write may make no progress ({@code switchboard.send-timeout})
 * @param closeTimeout      how long to wait for the client's close frame ({@code switchboard.close-timeout})
 * @param keepaliveInterval silence after which the server pings; zero disables keepalive
 *                          ({@code switchboard.keepalive-interval})
 * @param keepaliveTimeout  how long a pinged client has to show life ({@code switchboard.keepalive-timeout})
 * @param handlerTimeout    how long one call into the protocol's handler may run before the watchdog closes its
 *                          session with 1011 ({@code switchboard.handler-timeout})
 * @param inboundLimits     how fast a client may send ({@code switchboard.max-frames-per-second},
 *                          {@code switchboard.max-bytes-per-second})
 */
public record ConnectionSettings(int maxMessageBytes,
                                 long queueLimitBytes,
                                 Duration sendTimeout,
                                 Duration closeTimeout,
                                 Duration keepaliveInterval,
                                 Duration keepaliveTimeout,
                                 Duration handlerTimeout,
                                 InboundLimits inboundLimits) {

    /**
     * Whether the server pings silent connections.
     *
     * @return {@code false} when {@code keepalive-interval} is zero
     */
    public boolean keepalive() {
        return !keepaliveInterval.isZero();
    }

    /**
     * These settings with other sizes, for a protocol that sets its own.
     *
     * @param maxMessageBytes the largest message a client may send
     * @param queueLimitBytes bytes queued for one client before it counts as not reading
     * @return the settings
     */
    public ConnectionSettings withSizes(int maxMessageBytes, long queueLimitBytes) {
        return new ConnectionSettings(maxMessageBytes, queueLimitBytes, sendTimeout, closeTimeout, keepaliveInterval,
                                      keepaliveTimeout, handlerTimeout, inboundLimits);
    }

    /**
     * These settings with another handler timeout, for a protocol that sets its own.
     *
     * @param handlerTimeout how long one handler call may run
     * @return the settings
     */
    public ConnectionSettings withHandlerTimeout(Duration handlerTimeout) {
        return new ConnectionSettings(maxMessageBytes, queueLimitBytes, sendTimeout, closeTimeout, keepaliveInterval,
                                      keepaliveTimeout, handlerTimeout, inboundLimits);
    }

    /**
     * These settings with other inbound limits, for a protocol that sets its own.
     *
     * @param limits how fast a client may send
     * @return the settings
     */
    public ConnectionSettings withInboundLimits(InboundLimits limits) {
        return new ConnectionSettings(maxMessageBytes, queueLimitBytes, sendTimeout, closeTimeout, keepaliveInterval,
                                      keepaliveTimeout, handlerTimeout, limits);
    }
}
