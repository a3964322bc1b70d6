package dev.switchboard.bench.client;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How a {@link ClientConnection} opens: the non-blocking TCP connect (from a chosen source address), the upgrade
 * request, and the check of the server's 101 answer with the permessage-deflate it agreed to. This runs once per
 * connection, off the hot path, so it may allocate. On the loop's thread only.
 */
final class Opening {

    private final ClientConnection connection;
    private final WsUrl url;
    private final String protocol;
    private final DeflateOffer offer;
    // Null: the system picks the source address.
    private final InetAddress source;
    private String handshakeKey;

    Opening(ClientConnection connection, WsUrl url, String protocol, DeflateOffer offer, InetAddress source) {
        this.connection = connection;
        this.url = url;
        this.protocol = protocol;
        this.offer = offer;
        this.source = source;
    }

    // Starts connecting the socket to the server; returns whether it connected at once.
    boolean connect(ClientSocket socket) throws IOException {
        return socket.connect(source, url.address(), connection.loop().selector(), connection);
    }

    String connectFailure(Exception e) {
        return "connect to " + url.address() + " failed: " + e.getMessage()
                + (e.getMessage() != null && e.getMessage().contains("assign") ? " (out of ephemeral ports? "
                + "try --source-ips 4)" : "");
    }

    // The upgrade request, with a fresh key that the answer must confirm.
    byte[] request() {
        handshakeKey = connection.loop().handshake().newKey();
        return Handshake.request(url, protocol, offer.header(), handshakeKey);
    }

    /**
     * Reads the server's answer to {@link #request()} from the start of a read, and opens the connection if it is
     * right, or ends it saying what is wrong.
     *
     * @param buffer  the read
     * @param inbound where an incomplete answer is kept until the next read
     * @param now     when the read arrived
     * @return where frames start, or -1 if the answer is incomplete or refused
     */
    int answer(ByteBuffer buffer, InboundFrames inbound, long now) {
        int limit = buffer.limit();
        int end = Handshake.headerLength(buffer);
        if (end < 0) {
            if (limit > Handshake.MAX_RESPONSE_HEADER) {
                connection.fail("handshake answer header over " + Handshake.MAX_RESPONSE_HEADER + " bytes");
            } else {
                inbound.keep(buffer, 0, limit);
            }
            return -1;
        }
        byte[] header = new byte[end];
        buffer.get(0, header);
        String answer = new String(header, StandardCharsets.ISO_8859_1);
        String problem = connection.loop().handshake().check(answer, handshakeKey, protocol);
        if (problem != null) {
            connection.fail(problem);
            return -1;
        }
        PerMessageDeflate deflate;
        try {
            DeflateAgreement agreement = DeflateAgreement.negotiate(answer, offer);
            deflate = agreement == null ? null : new PerMessageDeflate(agreement, offer, connection.loop());
        } catch (IllegalArgumentException e) {
            connection.fail(e.getMessage());
            return -1;
        }
        connection.opened(deflate, now);
        return end;
    }
}
