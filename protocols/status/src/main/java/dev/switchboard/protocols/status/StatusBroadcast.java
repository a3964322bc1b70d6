package dev.switchboard.protocols.status;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.switchboard.api.ConnectionInfo;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.Session;

/**
 * Sends the current status document to every {@code lws-status} session that it lists.
 */
final class StatusBroadcast {

    private final ProtocolContext context;
    private final String version;
    private final String hostname;

    /**
     * Creates the broadcast.
     *
     * @param context  the protocol's context: its sessions, the server's connections, broadcast
     * @param version  the protocol's version, for the document
     * @param hostname the server's host name, for the document
     */
    StatusBroadcast(ProtocolContext context, String version, String hostname) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.version = Objects.requireNonNull(version, "version is null");
        this.hostname = Objects.requireNonNull(hostname, "hostname is null");
    }

    /**
     * Builds the document once from the connections open now and sends it.
     *
     * <p>A session joins {@link ProtocolContext#sessions()} a moment before it joins the server's list, so a
     * session missing from the list is left out: its own opening is a change, and the update that follows lists it.
     * That way no status client ever receives a document that does not show its own connection.
     */
    void send() {
        Collection<Session> sessions = context.sessions();
        if (sessions.isEmpty()) {
            // Nobody is watching: no list to copy, no document to build.
            return;
        }
        List<ConnectionInfo> connections = context.serverConnections().list();
        Set<String> listed = new HashSet<>();
        for (ConnectionInfo connection : connections) {
            listed.add(connection.id());
        }
        List<Session> recipients = sessions.stream()
                .filter(session -> listed.contains(session.id()))
                .toList();
        if (!recipients.isEmpty()) {
            context.broadcast(recipients, StatusDocument.render(version, hostname, connections));
        }
    }
}
