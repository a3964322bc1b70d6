package dev.switchboard.server.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.switchboard.api.ConnectionInfo;

/**
 * One connection in a node's presence hash: the field is the session id, the value this entry, one line per fact
 * (subprotocol, client address, client port, opened at in epoch milliseconds, then {@code -} or {@code +} and the user
 * agent). The user agent comes last, so it may hold anything a header value holds.
 */
final class PresenceEntry {

    // An IP address as InetAddress.getHostAddress() writes it: parsed without a name lookup.
    private static final Pattern IP_LITERAL = Pattern.compile("[\\d.]+|[\\p{XDigit}:.]*:[\\p{XDigit}:.]*(%\\w+)?");

    private PresenceEntry() {
    }

    /**
     * Encodes a connection of this node.
     *
     * @param connection the connection
     * @return the hash value
     */
    static byte[] encode(ConnectionInfo connection) {
        InetSocketAddress address = connection.remoteAddress();
        InetAddress ip = address.getAddress();
        String host = ip != null ? ip.getHostAddress() : address.getHostString();
        return (connection.subprotocol() + "\n" + host + "\n" + address.getPort() + "\n"
                + connection.openedAt().toEpochMilli() + "\n"
                + connection.userAgent().map(agent -> "+" + agent).orElse("-")).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a connection of another node.
     *
     * @param node  the node's name
     * @param id    the session id there
     * @param entry the hash value
     * @return the connection, its id qualified by the node's name; empty if the value is not an entry
     */
    static Optional<ConnectionInfo> decode(String node, String id, byte[] entry) {
        String[] fields = new String(entry, StandardCharsets.UTF_8).split("\n", 5);
        if (fields.length < 5) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(fields[2]);
            InetSocketAddress address = IP_LITERAL.matcher(fields[1]).matches()
                    ? new InetSocketAddress(InetAddress.getByName(fields[1]), port)
                    : InetSocketAddress.createUnresolved(fields[1], port);
            Optional<String> agent = fields[4].startsWith("+") ? Optional.of(fields[4].substring(1)) : Optional.empty();
            return Optional.of(new RemoteConnection(node + "/" + id, fields[0], address,
                                                    Instant.ofEpochMilli(Long.parseLong(fields[3])), agent, node));
        } catch (RuntimeException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    private record RemoteConnection(String id,
                                    String subprotocol,
                                    InetSocketAddress remoteAddress,
                                    Instant openedAt,
                                    Optional<String> userAgent,
                                    String node) implements ConnectionInfo {
    }
}
