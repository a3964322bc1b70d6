package dev.switchboard.server.listener;

import io.helidon.common.uri.UriFragment;
import io.helidon.common.uri.UriPath;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;

import dev.switchboard.api.Handshake;

/**
 * A handshake as Helidon's listener API shows it: the request line and the request headers.
 */
final class UpgradeRequest {

    private UpgradeRequest() {
    }

    /**
     * The request line. A WebSocket handshake is always an HTTP/1.1 GET; fragments never reach a server.
     *
     * @param handshake the handshake
     * @return the prologue
     */
    static HttpPrologue prologue(Handshake handshake) {
        UriQuery query = handshake.query().isEmpty() ? UriQuery.empty() : UriQuery.create(handshake.query());
        return HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET, UriPath.create(handshake.path()), query,
                                   UriFragment.empty());
    }

    /**
     * The request headers, every value of each in arrival order.
     *
     * @param handshake the handshake
     * @return the headers
     */
    static Headers headers(Handshake handshake) {
        WritableHeaders<?> headers = WritableHeaders.create();
        handshake.headers().forEach((name, values) -> headers.set(HeaderNames.create(name),
                                                                  values.toArray(String[]::new)));
        return headers;
    }
}
