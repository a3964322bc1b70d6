package dev.switchboard.server.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the subprotocol of a handshake (RFC 6455 section 4.2.2): the first protocol in the client's offer, across
 * every {@code Sec-WebSocket-Protocol} header line, that the server serves. A client that offers none gets the
 * configured default protocol, if any.
 */
public final class SubprotocolNegotiation {

    private final Predicate<String> served;
    private final Optional<String> defaultProtocol;

    /**
     * Creates the negotiation.
     *
     * @param served          whether the server serves a protocol name (loaded and enabled)
     * @param defaultProtocol the protocol for clients that offer none
     */
    public SubprotocolNegotiation(Predicate<String> served, Optional<String> defaultProtocol) {
        this.served = served;
        this.defaultProtocol = defaultProtocol;
    }

    /**
     * Negotiates.
     *
     * @param headerValues every {@code Sec-WebSocket-Protocol} header value of the request, in order
     * @return the outcome
     */
    public Outcome negotiate(List<String> headerValues) {
        List<String> offered = offered(headerValues);
        if (offered.isEmpty()) {
            // The default protocol's plugin may have been removed while the server runs.
            return defaultProtocol.filter(served).<Outcome>map(name -> new Outcome.Accepted(name, false))
                    .orElseGet(() -> new Outcome.Refused(offered));
        }
        for (String name : offered) {
            if (served.test(name)) {
                return new Outcome.Accepted(name, true);
            }
        }
        return new Outcome.Refused(offered);
    }

    /**
     * The client's offer: every comma-separated, trimmed, non-empty token of every header line, in order.
     *
     * @param headerValues the header values
     * @return the offered names
     */
    public static List<String> offered(List<String> headerValues) {
        List<String> offered = new ArrayList<>();
        for (String line : headerValues) {
            for (String token : line.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    offered.add(name);
                }
            }
        }
        return offered;
    }

    /** The result of a negotiation. */
    public sealed interface Outcome {

        /**
         * The handshake goes ahead.
         *
         * @param protocol the protocol chosen
         * @param echo     whether the 101 response names it: only when the client offered it, since a browser
         *                 fails a handshake whose response names a protocol it did not ask for
         */
        record Accepted(String protocol, boolean echo) implements Outcome {
        }

        /**
         * No offered protocol is served, or none was offered and there is no default.
         *
         * @param offered what the client offered
         */
        record Refused(List<String> offered) implements Outcome {
        }
    }
}
