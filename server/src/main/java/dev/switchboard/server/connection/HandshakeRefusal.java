package dev.switchboard.server.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.switchboard.api.HandshakeDecision;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * A handshake the protocol refused: the HTTP answer with the protocol's status, headers and reason, then the end of
 * the TCP connection. The upgrader has no route back to HTTP routing once it has asked the protocol, and asking
 * twice could count twice in a protocol's own limits, so it answers here.
 */
final class HandshakeRefusal implements ServerConnection {

    private final ConnectionContext ctx;
    private final byte[] response;

    HandshakeRefusal(ConnectionContext ctx, String protocol, HandshakeDecision decision) {
        this.ctx = ctx;
        byte[] body = (decision.reason().isEmpty() ? "Protocol " + protocol + " refused the handshake.\n"
                : decision.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(200)
                .append("HTTP/1.1 ").append(decision.status()).append(' ')
                .append(Status.create(decision.status()).reasonPhrase()).append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        for (Map.Entry<String, String> header : decision.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        this.response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
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
