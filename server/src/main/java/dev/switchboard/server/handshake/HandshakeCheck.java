package dev.switchboard.server.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.switchboard.server.origin.OriginPolicy;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Method;

/**
 * The opening handshake's rules (RFC 6455 section 4.2.1), in one place for the upgrader, which accepts, and the
 * HTTP filter, which explains a refusal: a GET on the WebSocket path with {@code Upgrade: websocket} (any letter
 * case) and {@code Connection: Upgrade}, version 13, a key of 16 bytes in base64, a subprotocol the server serves,
 * and an {@code Origin} that protocol allows.
 */
public final class HandshakeCheck {

    /** The request and response header that carries subprotocols. */
    public static final HeaderName SEC_WEBSOCKET_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final HeaderName SEC_WEBSOCKET_KEY = HeaderNames.create("Sec-WebSocket-Key");
    private static final HeaderName SEC_WEBSOCKET_VERSION = HeaderNames.create("Sec-WebSocket-Version");
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String path;
    private final SubprotocolNegotiation negotiation;
    private final Supplier<String> available;
    private final Function<String, OriginPolicy> origins;
    private volatile boolean shuttingDown;

    /**
     * Creates the check.
     *
     * @param path        the WebSocket path
     * @param negotiation the subprotocol negotiation
     * @param available   the served protocols, comma-separated, for refusal messages; read at each refusal, since
     *                    protocols come and go while the server runs
     * @param origins     the origin policy of each protocol
     */
    public HandshakeCheck(String path,
                          SubprotocolNegotiation negotiation,
                          Supplier<String> available,
                          Function<String, OriginPolicy> origins) {
        this.path = path;
        this.negotiation = negotiation;
        this.available = () -> {
            String names = available.get();
            return names.isEmpty() ? "(none)" : names;
        };
        this.origins = origins;
    }

    /**
     * Checks a request.
     *
     * @param method      the request method
     * @param requestPath the request path, without query
     * @param headers     the request headers
     * @param secure      whether the request came over TLS
     * @return empty when the request is not a WebSocket handshake on the WebSocket path, else the verdict
     */
    public Optional<Verdict> check(Method method, String requestPath, Headers headers, boolean secure) {
        if (!requestPath.equals(path) || !hasToken(headers, HeaderNames.UPGRADE, "websocket")
                || !hasToken(headers, HeaderNames.CONNECTION, "upgrade")) {
            return Optional.empty();
        }
        if (shuttingDown) {
            return refuse(503, RefusalReason.SHUTTING_DOWN, "The server is shutting down.", Map.of("Retry-After", "5"));
        }
        if (method != Method.GET) {
            return refuse(405, RefusalReason.METHOD,
                          "A WebSocket handshake must be a GET request, not " + method.text() + ".", Map.of());
        }
        // Two of either would leave the server and a proxy in front of it free to read different ones.
        if (headers.values(SEC_WEBSOCKET_VERSION).size() > 1) {
            return refuse(400, RefusalReason.BAD_VERSION,
                          "Sec-WebSocket-Version must be sent once, got " + headers.values(SEC_WEBSOCKET_VERSION) + ".",
                          Map.of());
        }
        if (headers.values(SEC_WEBSOCKET_KEY).size() > 1) {
            return refuse(400, RefusalReason.BAD_KEY, "Sec-WebSocket-Key must be sent once, got "
                    + headers.values(SEC_WEBSOCKET_KEY).size() + ".", Map.of());
        }
        String version = headers.first(SEC_WEBSOCKET_VERSION).orElse("").trim();
        if (!version.equals("13")) {
            return refuse(426, RefusalReason.BAD_VERSION,
                          "Unsupported Sec-WebSocket-Version '" + version + "': this server speaks 13.",
                          Map.of("Sec-WebSocket-Version", "13"));
        }
        String key = headers.first(SEC_WEBSOCKET_KEY).orElse("").trim();
        if (!isValidKey(key)) {
            return refuse(400, RefusalReason.BAD_KEY,
                          "Sec-WebSocket-Key must be 16 bytes in base64, got '" + key + "'.", Map.of());
        }
        List<String> offerLines = headers.values(SEC_WEBSOCKET_PROTOCOL);
        return Optional.of(switch (negotiation.negotiate(offerLines)) {
            case SubprotocolNegotiation.Outcome.Accepted accepted -> originVerdict(headers, secure, accepted.protocol())
                    .orElseGet(() -> new Verdict.Accept(accepted.protocol(), accepted.echo(), acceptKey(key),
                                                        SubprotocolNegotiation.offered(offerLines)));
            case SubprotocolNegotiation.Outcome.Refused refused -> new Verdict.Refuse(
                    400, RefusalReason.NO_SUBPROTOCOL, Optional.empty(), refused.offered().isEmpty()
                    ? "The handshake offers no subprotocol (Sec-WebSocket-Protocol) and no default protocol is "
                            + "configured.\nAvailable subprotocols: " + available.get() + "\n"
                    : "None of the offered subprotocols is served here: " + String.join(", ", refused.offered())
                            + ".\nAvailable subprotocols: " + available.get() + "\n", Map.of(), Optional.empty());
        });
    }

    /** From now on, refuses every handshake with 503: the server is stopping. */
    public void refuseAll() {
        shuttingDown = true;
    }

    private static Optional<Verdict> refuse(int status,
                                            RefusalReason reason,
                                            String text,
                                            Map<String, String> headers) {
        return Optional.of(new Verdict.Refuse(status, reason, Optional.empty(), text + "\n", headers,
                                              Optional.empty()));
    }

    // A page from a site the protocol does not trust would use the visitor's cookies and credentials: 403, and a
    // line in the log, since it may be an attack or a page the configuration forgot.
    private Optional<Verdict> originVerdict(Headers headers, boolean secure, String protocol) {
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        OriginPolicy policy = origins.apply(protocol);
        if (policy.allows(origin, headers.first(HeaderNames.HOST), secure)) {
            return Optional.empty();
        }
        String refused = origin.orElseThrow().trim();
        String logMessage = "Origin " + refused + " may not open protocol " + protocol + " (" + policy.key() + ")";
        return Optional.of(new Verdict.Refuse(403, RefusalReason.ORIGIN, Optional.of(protocol),
                                              policy.refusal(refused, protocol) + "\n", Map.of(),
                                              Optional.of(logMessage)));
    }

    // Header values are comma-separated token lists compared without regard to letter case (RFC 6455 4.2.1).
    private static boolean hasToken(Headers headers, HeaderName name, String token) {
        for (String value : headers.values(name)) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-1", e);
        }
    }

    /** What to do with a WebSocket handshake. */
    public sealed interface Verdict {

        /**
         * Upgrade the connection.
         *
         * @param protocol  the chosen subprotocol
         * @param echo      whether the 101 response names it
         * @param acceptKey the {@code Sec-WebSocket-Accept} value
         * @param offered   the client's offer, in order
         */
        record Accept(String protocol, boolean echo, String acceptKey, List<String> offered) implements Verdict {
        }

        /**
         * Refuse with an HTTP error.
         *
         * @param status     the HTTP status
         * @param reason     why, for the metrics
         * @param protocol   the protocol the negotiation chose, for the metrics; empty for a refusal that came before
         *                   the negotiation or because it chose none
         * @param body       a plain-text explanation
         * @param headers    extra response headers
         * @param logMessage what to log once the refusal is sent, for refusals an operator should hear of
         */
        record Refuse(int status,
                      RefusalReason reason,
                      Optional<String> protocol,
                      String body,
                      Map<String, String> headers,
                      Optional<String> logMessage) implements Verdict {
        }
    }
}
