package dev.switchboard.server.cluster;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.switchboard.api.ConnectionInfo;

/**
 * Where the connections of the other nodes of a cluster come from, and where this node's own go: what lets
 * {@link dev.switchboard.api.ServerConnections} list every node's connections. On a single server it only names the
 * node.
 *
 * <p>Reading never blocks: {@link #remote()} is a cache that the implementation refreshes on its own threads, and
 * {@link #opened} and {@link #closed} only note the change for a later batch.
 */
public interface ClusterPresence {

    /**
     * This node's name, as every entry of its own connections carries it.
     *
     * @return the node's name
     */
    String node();

    /**
     * Wires the presence to this node's connections, once, before any opens.
     *
     * @param local         this node's open connections, newest first: what a full rewrite publishes
     * @param remoteChanged to call after the cached remote connections changed
     */
    void attach(Supplier<List<ConnectionInfo>> local, Runnable remoteChanged);

    /**
     * A connection of this node opened.
     *
     * @param connection the connection
     */
    void opened(ConnectionInfo connection);

    /**
     * A connection of this node closed.
     *
     * @param id its session id
     */
    void closed(String id);

    /**
     * The connections of the other nodes as last read, newest first.
     *
     * @return an immutable list; empty on a single server
     */
    List<ConnectionInfo> remote();

    /**
     * A single server: no other node, and this one named by the given name.
     *
     * @param node the node's name, read at each open (the port is known only once the server listens)
     * @return the presence
     */
    static ClusterPresence single(Supplier<String> node) {
        Objects.requireNonNull(node, "node is null");
        return new ClusterPresence() {
            @Override
            public String node() {
                return node.get();
            }

            @Override
            public void attach(Supplier<List<ConnectionInfo>> local, Runnable remoteChanged) {
            }

            @Override
            public void opened(ConnectionInfo connection) {
            }

            @Override
            public void closed(String id) {
            }

            @Override
            public List<ConnectionInfo> remote() {
                return List.of();
            }
        };
    }
}
