package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.ServerMetrics;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers the WebSocket handshakes that the upgrader declined, with the HTTP status and a plain-text body saying
 * why (for a subprotocol offer it cannot serve: what was offered and what is available). Without it such a request
 * would fall through to the page or a bare 404, and a client would be left guessing. Every refusal passes here once,
 * so it is counted here: under the protocol the negotiation chose, or {@link ServerMetrics#NO_PROTOCOL} when the
 * refusal came before it or the negotiation chose none.
 */
public final class HandshakeFilter implements Filter {

    private static final System.Logger LOGGER = System.getLogger(HandshakeFilter.class.getName());
    private static final int LOG_BURST = 10;
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(1);

    private final HandshakeCheck check;
    private final ServerMetrics metrics;
    // A hostile page can have its visitors' browsers open sockets by the thousand: a line each would flood the log.
    private final ThrottledLog refusalLog = new ThrottledLog(LOGGER, System.Logger.Level.INFO, new LogThrottle(
            LOG_BURST, LOG_INTERVAL, System::nanoTime, "refusal", "switchboard_handshakes_refused_total counts them all"));

    /**
     * Creates the filter.
     *
     * @param check   the handshake rules
     * @param metrics where refusals are counted
     */
    public HandshakeFilter(HandshakeCheck check, ServerMetrics metrics) {
        this.check = check;
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        var verdict = check.check(req.prologue().method(), req.prologue().uriPath().path(), req.headers(),
                                  req.isSecure());
        if (verdict.isEmpty()) {
            chain.proceed();
            return;
        }
        switch (verdict.get()) {
            case HandshakeCheck.Verdict.Refuse refuse -> {
                metrics.handshakeRefused(refuse.protocol().orElse(ServerMetrics.NO_PROTOCOL), refuse.reason().tag(),
                                         refuse.status());
                res.status(Status.create(refuse.status()));
                for (Map.Entry<String, String> header : refuse.headers().entrySet()) {
                    res.header(header.getKey(), header.getValue());
                }
                res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8").send(refuse.body());
                refuse.logMessage().ifPresent(message -> refusalLog.log(
                        "Refused a WebSocket handshake from " + req.remotePeer().host() + " (" + refuse.status()
                                + "): " + message));
            }
            // A valid handshake reaches a filter only when its Upgrade header names more than websocket, which the
            // upgrader (keyed on the whole header value) cannot take. The negotiation has chosen a protocol by then.
            case HandshakeCheck.Verdict.Accept accept -> {
                metrics.handshakeRefused(accept.protocol(), RefusalReason.UPGRADE_HEADER.tag(), 400);
                res.status(Status.BAD_REQUEST_400)
                        .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                        .send("The Upgrade header must name websocket alone.\n");
            }
        }
    }
}
