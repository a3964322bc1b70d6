package dev.switchboard.server.origin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin as browsers serialize it (RFC 6454 section 6.2): {@code scheme://host[:port]}, nothing after. Scheme
 * and host are kept in lower case and the port is always explicit, so that {@code https://Example.com} and
 * {@code https://example.com:443} are equal.
 *
 * @param scheme the scheme, e.g. {@code https}
 * @param host   the host name, IPv4 address or bracketed IPv6 address
 * @param port   the port; for a scheme without a known default and no port given, {@link #NO_PORT}
 */
public record Origin(String scheme, String host, int port) {

    /** The port of an origin whose scheme has no default port and which names none. */
    public static final int NO_PORT = -1;

    /**
     * Parses a serialized origin.
     *
     * @param text the text, e.g. an {@code Origin} header value
     * @return the origin, or empty if the text is not one (a path, a query, user info or a bad port included)
     */
    public static Optional<Origin> parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                || text.endsWith(":")) {
            return Optional.empty();
        }
        if (uri.getPort() > 65535) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == NO_PORT ? defaultPort(scheme) : uri.getPort();
        return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
    }

    /**
     * The default port of a scheme.
     *
     * @param scheme the scheme, lower case
     * @return 80 or 443 for the web's schemes, else {@link #NO_PORT}
     */
    public static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> NO_PORT;
        };
    }

    /**
     * The origin as a browser writes it: the port only when it is not the scheme's default.
     *
     * @return e.g. {@code https://app.example.com} or {@code http://localhost:8080}
     */
    @Override
    public String toString() {
        return scheme + "://" + host + (port == NO_PORT || port == defaultPort(scheme) ? "" : ":" + port);
    }
}
