package dev.switchboard.server.handshake;

import java.util.List;
import java.util.Locale;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses WebSocket handshakes whose subprotocol offer cannot be served, before Helidon upgrades them: HTTP 400
 * with a body listing what the client offered and what the server serves. Helidon's own refusal has an empty body,
 * and a 101 without the protocol header would make browsers fail with no explanation.
 */
public final class HandshakeFilter implements Filter {

    /** The request and response header that carries subprotocols. */
    public static final HeaderName SEC_WEBSOCKET_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    private final String path;
    private final SubprotocolNegotiation negotiation;
    private final String available;

    /**
     * Creates the filter.
     *
     * @param path        the WebSocket path
     * @param negotiation the negotiation
     * @param available   the served protocol names, comma-separated, for the refusal body
     */
    public HandshakeFilter(String path, SubprotocolNegotiation negotiation, String available) {
        this.path = path;
        this.negotiation = negotiation;
        this.available = available;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isWebSocketUpgrade(req) && req.prologue().uriPath().path().equals(path)
                && negotiation.negotiate(req.headers().values(SEC_WEBSOCKET_PROTOCOL))
                instanceof SubprotocolNegotiation.Outcome.Refused refused) {
            res.status(Status.BAD_REQUEST_400)
                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .send(refusal(refused.offered()));
            return;
        }
        chain.proceed();
    }

    private String refusal(List<String> offered) {
        String first = offered.isEmpty()
                ? "The handshake offers no subprotocol (Sec-WebSocket-Protocol) and no default protocol is configured."
                : "None of the offered subprotocols is served here: " + String.join(", ", offered) + ".";
        return first + "\nAvailable subprotocols: " + (available.isEmpty() ? "(none)" : available) + "\n";
    }

    private static boolean isWebSocketUpgrade(RoutingRequest req) {
        return req.headers().first(HeaderNames.UPGRADE)
                .map(value -> value.toLowerCase(Locale.ROOT).contains("websocket"))
                .orElse(false);
    }
}
