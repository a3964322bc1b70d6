package dev.switchboard.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a protocol answers to a handshake, from {@link Protocol#accept(Handshake)}: accept it, optionally with data
 * for the session, or refuse it with an HTTP status and a reason; either with response headers of the protocol's
 * own.
 *
 * <p>Instances are immutable; {@link #withHeader(String, String)} returns a new one.
 */
public final class HandshakeDecision {

    private static final HandshakeDecision ACCEPT = new HandshakeDecision(0, "", null, Map.of());

    private final int status;
    private final String reason;
    private final Object attachment;
    private final Map<String, List<String>> headers;

    private HandshakeDecision(int status, String reason, Object attachment, Map<String, List<String>> headers) {
        this.status = status;
        this.reason = reason;
        this.attachment = attachment;
        this.headers = headers;
    }

    /**
     * Accepts the handshake.
     *
     * @return the decision
     */
    public static HandshakeDecision accept() {
        return ACCEPT;
    }

    /**
     * Accepts the handshake and attaches data to the session it opens, available as {@link Session#attachment()}:
     * for example the user a token check identified, or a parsed query parameter.
     *
     * @param attachment the data, not {@code null}
     * @return the decision
     */
    public static HandshakeDecision accept(Object attachment) {
        return new HandshakeDecision(0, "", Objects.requireNonNull(attachment, "attachment is null"), Map.of());
    }

    /**
     * Refuses the handshake: the client gets this HTTP status with the reason as a plain-text body, and no
     * WebSocket connection.
     *
     * @param status an HTTP error status, 400 to 599; for example 401 for a missing token, 403 for a forbidden
     *               one, 503 for a full server
     * @param reason a short explanation for the client, one line, not {@code null}
     * @return the decision
     * @throws IllegalArgumentException if the status is not an error status or the reason spans lines
     */
    public static HandshakeDecision refuse(int status, String reason) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A refusal needs an HTTP error status (400-599), not " + status);
        }
        Objects.requireNonNull(reason, "reason is null");
        return new HandshakeDecision(status, requireOneLine("reason", reason), null, Map.of());
    }

    /**
     * Sets a response header: on a refusal, for example {@code WWW-Authenticate} on a 401 or {@code Retry-After} on
     * a 503; on an acceptance, the {@code 101 Switching Protocols} response, for example a session id. Replaces every
     * value of a header of the same name, in any letter case; {@link #addHeader(String, String)} adds one instead.
     *
     * @param name  the header name, an HTTP token; not one the server writes itself ({@code Content-Length},
     *              {@code Content-Type}, {@code Connection}, {@code Transfer-Encoding}, {@code Upgrade} and the
     *              {@code Sec-WebSocket-*} headers)
     * @param value the header value: printable ASCII, spaces and tabs
     * @return a new decision with the header, keeping the attachment
     * @throws IllegalArgumentException if the name is not a token or one the server writes, or the value has a
     *                                  control character (a line break among them) or a character outside ASCII
     */
    public HandshakeDecision withHeader(String name, String value) {
        return header(name, value, true);
    }

    /**
     * Adds a response header line beside those of the same name already set: for headers that may not be joined
     * into one line, {@code Set-Cookie} above all. Otherwise as {@link #withHeader(String, String)}.
     *
     * @param name  the header name, as for {@link #withHeader(String, String)}
     * @param value the header value, as for {@link #withHeader(String, String)}
     * @return a new decision with one more header line, keeping the attachment
     * @throws IllegalArgumentException as for {@link #withHeader(String, String)}
     */
    public HandshakeDecision addHeader(String name, String value) {
        return header(name, value, false);
    }

    private HandshakeDecision header(String name, String value, boolean replace) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        if (name.isEmpty() || !name.chars().allMatch(HandshakeDecision::isTokenChar)) {
            throw new IllegalArgumentException("Not an HTTP header name: '" + name + "'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.matches("content-length|content-type|connection|transfer-encoding|upgrade")
                || lower.startsWith("sec-websocket-")) {
            throw new IllegalArgumentException("The server writes the " + name + " header itself");
        }
        if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c >= 0x7f)) {
            throw new IllegalArgumentException("Header value of " + name + " must be printable ASCII, spaces and tabs");
        }
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        // Header names ignore case: the values of one header stay under the name it was first given.
        String key = more.keySet().stream().filter(existing -> existing.equalsIgnoreCase(name)).findFirst()
                .orElse(name);
        List<String> values = new ArrayList<>(replace ? List.of() : more.getOrDefault(key, List.of()));
        values.add(value);
        more.remove(key);
        more.put(replace ? name : key, List.copyOf(values));
        return new HandshakeDecision(status, reason, attachment, Collections.unmodifiableMap(more));
    }

    /**
     * Whether the handshake is accepted.
     *
     * @return {@code true} for {@link #accept()} and {@link #accept(Object)}
     */
    public boolean isAccepted() {
        return status == 0;
    }

    /**
     * The data attached by {@link #accept(Object)}.
     *
     * @return the attachment, or empty
     */
    public Optional<Object> attachment() {
        return Optional.ofNullable(attachment);
    }

    /**
     * The HTTP status of a refusal.
     *
     * @return the status, or 0 when the handshake is accepted
     */
    public int status() {
        return status;
    }

    /**
     * The reason of a refusal.
     *
     * @return the reason, or an empty string when the handshake is accepted
     */
    public String reason() {
        return reason;
    }

    /**
     * The extra response headers, of the refusal or of the 101 response.
     *
     * @return header name to its values, one response line each, names in the order first added
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accept" : "refuse " + status + " " + reason;
    }

    private static String requireOneLine(String what, String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("The " + what + " must be one line: '" + text + "'");
        }
        return text;
    }

    // RFC 9110 token characters.
    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
