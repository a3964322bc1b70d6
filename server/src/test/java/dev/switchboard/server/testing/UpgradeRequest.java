package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The opening handshake's request as a raw client writes it (RFC 6455 section 4.1): a well-formed request to send as
 * is, or to alter, or to extend with header lines of any bytes; and the key and accept values it rests on.
 */
public final class UpgradeRequest {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UpgradeRequest() {
    }

    /** A fresh random {@code Sec-WebSocket-Key}. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The {@code Sec-WebSocket-Accept} value RFC 6455 section 4.2.2 requires for a key. */
    public static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-formed upgrade request with one {@code Sec-WebSocket-Protocol} line per element (none if empty). */
    public static String request(int port, String path, String key, List<String> protocolLines) {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        protocolLines.forEach(line -> request.append("Sec-WebSocket-Protocol: ").append(line).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** A well-formed request with a fresh key offering one subprotocol, as bytes. */
    public static byte[] offering(int port, String path, String subprotocol) {
        return request(port, path, newKey(), List.of(subprotocol)).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code request} with extra header lines, name to value in map order, before its blank line. */
    public static byte[] withHeaders(String request, Map<String, String> headers) {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
        return withHeaderBytes(request, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code request} with one extra header line whose value is any bytes, e.g. not UTF-8. */
    public static byte[] withHeader(String request, String name, byte[] value) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes((name + ": ").getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(value);
        line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return withHeaderBytes(request, line.toByteArray());
    }

    private static byte[] withHeaderBytes(String request, byte[] headerLines) {
        if (!request.endsWith("\r\n\r\n")) {
            throw new IllegalArgumentException("not a whole request head: " + request);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // The head ends with its blank line: the extra lines go just before it.
        bytes.writeBytes(request.substring(0, request.length() - 2).getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(headerLines);
        bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }
}
