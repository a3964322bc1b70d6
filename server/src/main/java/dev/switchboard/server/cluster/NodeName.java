package dev.switchboard.server.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * This server's name as {@link dev.switchboard.api.ConnectionInfo#node()} shows it: {@code switchboard.cluster.node},
 * or the host name and the port the server listens on, as a cluster node names itself.
 */
public final class NodeName {

    private volatile String name;

    /**
     * Creates the name.
     *
     * @param configured {@code switchboard.cluster.node}, if set
     */
    public NodeName(Optional<String> configured) {
        this.name = Objects.requireNonNull(configured, "configured is null").orElse(null);
    }

    /**
     * Completes a default name with the port, once the server listens.
     *
     * @param port the port
     */
    public void listening(int port) {
        if (name == null) {
            name = hostName() + ":" + port;
        }
    }

    /**
     * The name.
     *
     * @return the name, or the host name alone before the server listens
     */
    public String name() {
        String current = name;
        return current != null ? current : hostName();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
