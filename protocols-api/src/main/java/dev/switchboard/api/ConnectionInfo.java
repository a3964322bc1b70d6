package dev.switchboard.api;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Read-only facts about one open connection of the server, whatever its protocol: what a status page shows. It
 * gives no way to send to the connection or to close it.
 *
 * <p>On a node of a cluster the list also holds the connections of the other nodes, as they last reported them;
 * {@link #node()} tells where each one is. The server implements this interface; protocols only read it.
 */
public interface ConnectionInfo {

    /**
     * The cluster-unique id of the connection: for a connection on this server, the id of its session, the same as
     * {@link Session#id()}; for a connection on another node of a cluster, that node's name, a slash and the
     * session id there ({@code node-b:8080/s12}), so that no two entries share an id.
     *
     * @return the id
     */
    String id();

    /**
     * The subprotocol the connection speaks.
     *
     * @return the subprotocol token
     */
    String subprotocol();

    /**
     * The client's address as the server sees it.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /**
     * When the connection was opened: the moment its protocol accepted it in {@link Protocol#open(Session)},
     * milliseconds after the handshake.
     *
     * @return the time the connection joined the list
     */
    Instant openedAt();

    /**
     * The client's {@code User-Agent} header.
     *
     * @return the user agent, or empty when the client sent none
     */
    Optional<String> userAgent();

    /**
     * The name of the server the connection is on: {@code switchboard.cluster.node}, or by default the server's host
     * name and port ({@code host:8080}). On a single server every connection has that server's name.
     *
     * @return the node's name
     * @since 1.1
     */
    String node();
}
