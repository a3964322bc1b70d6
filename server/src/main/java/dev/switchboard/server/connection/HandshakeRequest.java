package dev.switchboard.server.connection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

/**
 * What a session keeps of its handshake request, copied out of Helidon's types.
 *
 * @param path    request path without the query
 * @param query   raw query without {@code '?'}, or empty string
 * @param headers lower-case header name to values
 */
record HandshakeRequest(String path, String query, Map<String, List<String>> headers) {

    HandshakeRequest {
        headers = Map.copyOf(headers);
    }

    static HandshakeRequest from(HttpPrologue prologue, Headers headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Header header : headers) {
            copy.merge(header.name().toLowerCase(Locale.ROOT), List.copyOf(header.allValues()), (a, b) -> {
                List<String> joined = new java.util.ArrayList<>(a);
                joined.addAll(b);
                return List.copyOf(joined);
            });
        }
        return new HandshakeRequest(prologue.uriPath().path(), prologue.query().rawValue(), copy);
    }

    Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    Optional<String> queryParam(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape is kept as written rather than failing the session.
            return text;
        }
    }
}
