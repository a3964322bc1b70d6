package dev.switchboard.protocols.status;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.api.ConnectionInfo;

/**
 * The JSON document an {@code lws-status} client receives.
 *
 * <p>It keeps libwebsockets' field names ({@code version}, {@code hostname}, {@code wsi}, {@code conns} with
 * {@code peer}, {@code time}, {@code ua}) and its habit of writing every value, numbers included, as a string, so
 * that libwebsockets' test page reads it unchanged; {@code protocol}, {@code id} and {@code node} in each entry and
 * the top-level {@code nodes} are Switchboard's additions. {@code wsi} is the number of connections listed, every
 * node's on a cluster, so it goes down when one closes.
 */
final class StatusDocument {

    // Room for one connection's entry with a typical browser user agent, so the builder rarely grows.
    private static final int BYTES_PER_CONNECTION = 200;

    private StatusDocument() {
    }

    /**
     * Renders the document.
     *
     * @param version     the protocol's version
     * @param hostname    the server's host name
     * @param connections the open connections, newest first, as listed
     * @return the JSON text
     */
    static String render(String version, String hostname, List<ConnectionInfo> connections) {
        StringBuilder json = new StringBuilder(128 + BYTES_PER_CONNECTION * connections.size());
        json.append("{\"version\":");
        JsonText.appendQuoted(json, version);
        json.append(",\"hostname\":");
        JsonText.appendQuoted(json, hostname);
        json.append(",\"wsi\":\"").append(connections.size()).append("\",\"nodes\":[");
        // The nodes with a listed connection, by name: the status client's own node is always one of them.
        Set<String> nodes = new TreeSet<>();
        for (ConnectionInfo connection : connections) {
            nodes.add(connection.node());
        }
        boolean first = true;
        for (String node : nodes) {
            json.append(first ? "" : ",");
            JsonText.appendQuoted(json, node);
            first = false;
        }
        json.append("],\"conns\":[");
        for (int i = 0; i < connections.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            appendConnection(json, connections.get(i));
        }
        return json.append("]}").toString();
    }

    /**
     * A client's IP address as text, without the port: {@code 127.0.0.1}, or an IPv6 address as Java writes it,
     * without brackets.
     *
     * @param address the client's socket address
     * @return the address text
     */
    static String peer(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        // An unresolved address has a host name only; it is still the best description of the peer there is.
        return ip != null ? ip.getHostAddress() : address.getHostString();
    }

    private static void appendConnection(StringBuilder json, ConnectionInfo connection) {
        json.append("{\"peer\":");
        JsonText.appendQuoted(json, peer(connection.remoteAddress()));
        json.append(",\"time\":\"").append(connection.openedAt().getEpochSecond()).append('"');
        json.append(",\"ua\":");
        JsonText.appendQuoted(json, connection.userAgent().orElse(""));
        json.append(",\"protocol\":");
        JsonText.appendQuoted(json, connection.subprotocol());
        json.append(",\"id\":");
        JsonText.appendQuoted(json, connection.id());
        json.append(",\"node\":");
        JsonText.appendQuoted(json, connection.node());
        json.append('}');
    }
}
