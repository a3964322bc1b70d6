package dev.switchboard.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request that opened a WebSocket connection, as the server received it.
 */
public interface Handshake {

    /**
     * The path of the request, without the query.
     *
     * @return the request path, for example {@code "/"}
     */
    String path();

    /**
     * The raw query of the request.
     *
     * @return the query without the leading {@code '?'}, or an empty string when there was none
     */
    String query();

    /**
     * The first value of a query parameter, decoded.
     *
     * @param name the parameter name
     * @return the value (empty string for a parameter without {@code '='}), or empty when the parameter is absent
     */
    Optional<String> queryParam(String name);

    /**
     * The request headers.
     *
     * @return an immutable map from lower-case header name to the header's values in arrival order
     */
    Map<String, List<String>> headers();

    /**
     * The first value of a request header.
     *
     * @param name the header name, in any letter case
     * @return the value, or empty when the header is absent
     */
    Optional<String> header(String name);

    /**
     * The subprotocols the client offered, in its order, across every {@code Sec-WebSocket-Protocol} header.
     *
     * @return the offered tokens, empty when the client offered none
     */
    List<String> offeredProtocols();

    /**
     * The client's address as the server sees it.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();
}
