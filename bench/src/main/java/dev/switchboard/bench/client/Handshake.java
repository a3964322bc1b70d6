package dev.switchboard.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The client side of the opening handshake (RFC 6455 section 4.1): the request, and the checks on the server's
 * answer. One instance per event loop: the SHA-1 digest is not thread-safe.
 */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    // An answer whose header is longer than this is not a WebSocket server's.
    static final int MAX_RESPONSE_HEADER = 16 * 1024;

    private final MessageDigest sha1;
    private final SplittableRandom random;

    Handshake(long seed) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
        random = new SplittableRandom(seed);
    }

    /** A fresh random Sec-WebSocket-Key. */
    String newKey() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static byte[] request(WsUrl url, String protocol, String extensions, String key) {
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(url.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.host()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (protocol != null && !protocol.isEmpty()) {
            request.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
        }
        if (extensions != null) {
            request.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
        }
        request.append("User-Agent: switchboard-bench\r\n\r\n");
        return request.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks the server's answer.
     *
     * @param header   the answer's header, through the empty line
     * @param key      the key the request sent
     * @param protocol the subprotocol asked for, or {@code null}
     * @return {@code null} if it is a valid 101 for this request, else what is wrong with it
     */
    String check(String header, String key, String protocol) {
        String[] lines = header.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            return "handshake refused: " + lines[0];
        }
        String accept = null;
        String chosen = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("sec-websocket-accept")) {
                accept = value;
            } else if (name.equals("sec-websocket-protocol")) {
                chosen = value;
            }
        }
        if (!expectedAccept(key).equals(accept)) {
            return "handshake answer has a wrong Sec-WebSocket-Accept: " + accept;
        }
        if (protocol != null && !protocol.isEmpty() && chosen != null && !chosen.equals(protocol)) {
            return "server chose subprotocol " + chosen + ", not " + protocol;
        }
        if (protocol != null && !protocol.isEmpty() && chosen == null) {
            return "server named no subprotocol, " + protocol + " was asked for";
        }
        return null;
    }

    /**
     * Where the answer's header ends in a read, just past its empty line.
     *
     * @param buffer the bytes read, from index 0 to the limit
     * @return the header's length, or -1 if the empty line has not arrived yet
     */
    static int headerLength(ByteBuffer buffer) {
        for (int i = 3; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n' && buffer.get(i - 1) == '\r' && buffer.get(i - 2) == '\n'
                    && buffer.get(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private String expectedAccept(String key) {
        sha1.reset();
        byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }
}
