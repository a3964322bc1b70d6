package dev.switchboard.server.listener;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.Optional;

import io.helidon.common.socket.PeerInfo;
import io.helidon.common.socket.SocketContext;

import dev.switchboard.api.Session;

/**
 * What Helidon's {@code WsSession.socketContext()} tells, as far as the protocol API knows it: the client's address,
 * the protocol's name as socket id and the session's id as child socket id (so Helidon's {@code log} methods prefix
 * lines with {@code [protocol session]}). The server's own address and whether the connection uses TLS are not
 * given to protocols: those calls throw {@link UnsupportedOperationException}.
 */
final class SessionSocketContext implements SocketContext {

    private final Session session;

    SessionSocketContext(Session session) {
        this.session = session;
    }

    @Override
    public PeerInfo remotePeer() {
        return new RemotePeer(session.handshake().remoteAddress());
    }

    @Override
    public PeerInfo localPeer() {
        throw new UnsupportedOperationException("Switchboard does not tell a protocol its local address");
    }

    @Override
    public boolean isSecure() {
        throw new UnsupportedOperationException("Switchboard does not tell a protocol whether its connection uses TLS");
    }

    @Override
    public String socketId() {
        return session.subprotocol();
    }

    @Override
    public String childSocketId() {
        return session.id();
    }

    // The client, without TLS details, which the protocol API does not carry.
    private record RemotePeer(InetSocketAddress address) implements PeerInfo {

        @Override
        public String host() {
            return address.getHostString();
        }

        @Override
        public int port() {
            return address.getPort();
        }

        @Override
        public Optional<Principal> tlsPrincipal() {
            return Optional.empty();
        }

        @Override
        public Optional<Certificate[]> tlsCertificates() {
            return Optional.empty();
        }
    }
}
