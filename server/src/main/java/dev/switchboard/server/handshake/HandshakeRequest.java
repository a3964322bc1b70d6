package dev.switchboard.server.handshake;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.api.Handshake;

import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

/**
 * What a session keeps of its handshake request, copied out of Helidon's types.
 *
 * @param path             request path without the query
 * @param query            raw query without {@code '?'}, or empty string
 * @param headers          lower-case header name to values
 * @param offeredProtocols the client's subprotocol offer, in order
 * @param remoteAddress    the client's address
 */
record HandshakeRequest(String path,
                        String query,
                        Map<String, List<String>> headers,
                        List<String> offeredProtocols,
                        InetSocketAddress remoteAddress) implements Handshake {

    HandshakeRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        offeredProtocols = List.copyOf(offeredProtocols);
    }

    static HandshakeRequest from(HttpPrologue prologue,
                                 Headers headers,
                                 List<String> offeredProtocols,
                                 InetSocketAddress remoteAddress) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Header header : headers) {
            copy.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .addAll(header.allValues());
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return new HandshakeRequest(prologue.uriPath().path(), prologue.query().rawValue(), copy, offeredProtocols,
                                    remoteAddress);
    }

    @Override
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    @Override
    public Optional<String> queryParam(String name) {
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
