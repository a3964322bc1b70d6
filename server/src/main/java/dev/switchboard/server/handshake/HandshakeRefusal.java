package dev.switchboard.server.handshake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.server.limits.Reservation;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * A handshake the upgrader refuses itself: the HTTP answer with a status, headers and a plain-text reason, then the
 * end of the TCP connection. Refusals that need no slot and no protocol go back to HTTP routing instead (see
 * {@link dev.switchboard.server.handshake.HandshakeFilter}); these cannot: asking the protocol twice could count
 * twice in its own limits, and a second look at the session limits could find another answer.
 */
final class HandshakeRefusal implements ServerConnection {

    private final ConnectionContext ctx;
    private final byte[] response;

    private HandshakeRefusal(ConnectionContext ctx, int status, String reason, Map<String, List<String>> headers) {
        this.ctx = ctx;
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(200)
                .append("HTTP/1.1 ").append(status).append(' ')
                .append(Status.create(status).reasonPhrase()).append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, values) -> values.forEach(
                value -> head.append(name).append(": ").append(value).append("\r\n")));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        this.response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
    }

    // The protocol's handshake hook said no, with its status, headers and reason.
    static HandshakeRefusal byProtocol(ConnectionContext ctx, String protocol, HandshakeDecision decision) {
        String reason = decision.reason().isEmpty() ? "Protocol " + protocol + " refused the handshake."
                : decision.reason();
        return new HandshakeRefusal(ctx, decision.status(), reason, decision.headers());
    }

    // A session limit is reached.
    static HandshakeRefusal overLimit(ConnectionContext ctx, Reservation.Refused refused) {
        return new HandshakeRefusal(ctx, refused.status(), refused.reason(),
                                    Map.of("Retry-After", List.of(String.valueOf(refused.retryAfterSeconds()))));
    }

    @Override
    public void handle(Limit limit) {
        try {
            ctx.dataWriter().writeNow(BufferData.create(response));
        } catch (RuntimeException e) {
            // The client went away first; Helidon closes the socket once handle() returns.
        }
    }

    @Override
    public Duration idleTime() {
        return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        // Nothing to stop: handle() writes once and returns.
    }
}
