package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket opening handshake written byte by byte over a plain socket, for what the JDK client cannot send:
 * repeated {@code Sec-WebSocket-Protocol} lines, or none at all while still reading the raw response.
 *
 * <p>Reads the status line, the headers and, for a refusal, a body of {@code Content-Length} bytes. A 101 whose
 * {@code Sec-WebSocket-Accept} does not match the key sent fails at once. After a 101 the connection can send
 * single-frame text messages and read the server's frames, or be dropped without a close frame.
 */
public final class RawHandshake implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;

    private RawHandshake(Socket socket, InputStream in, OutputStream out, int status,
                         Map<String, List<String>> headers, String body) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Sends an upgrade request for {@code path} on 127.0.0.1 with one {@code Sec-WebSocket-Protocol} line per
     * element of {@code protocolLines} (none if empty), and reads the response head.
     *
     * @param port          the server port
     * @param path          the request path, starting with '/'
     * @param protocolLines the values of the {@code Sec-WebSocket-Protocol} lines, in order
     * @return the open connection and the response
     * @throws IOException on a socket failure or a malformed response
     */
    public static RawHandshake upgrade(int port, String path, List<String> protocolLines) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String line : protocolLines) {
            request.append("Sec-WebSocket-Protocol: ").append(line).append("\r\n");
        }
        request.append("\r\n");

        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        try {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String statusLine = readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP status line: '" + statusLine + "'");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IOException("malformed header line: '" + line + "'");
                }
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            String body = "";
            if (status != 101) {
                List<String> length = headers.getOrDefault("content-length", List.of());
                if (!length.isEmpty()) {
                    body = new String(in.readNBytes(Integer.parseInt(length.getFirst())), StandardCharsets.UTF_8);
                }
            } else {
                String accept = headers.getOrDefault("sec-websocket-accept", List.of()).stream().findFirst()
                        .orElse("(none)");
                if (!accept.equals(acceptFor(key))) {
                    throw new AssertionError("101 with Sec-WebSocket-Accept " + accept + ", expected "
                                                     + acceptFor(key) + " for key " + key);
                }
            }
            return new RawHandshake(socket, in, out, status, headers, body);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The {@code Sec-WebSocket-Accept} value RFC 6455 section 4.2.2 requires for a key.
     *
     * @param key the {@code Sec-WebSocket-Key} sent
     * @return base64 of the SHA-1 of the key and the WebSocket GUID
     */
    public static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The response status.
     *
     * @return e.g. 101 or 400
     */
    public int status() {
        return status;
    }

    /**
     * Every value of a response header, one per header line.
     *
     * @param name the header name, in any case
     * @return the values in order; empty if absent
     */
    public List<String> headers(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    /**
     * The first value of a response header.
     *
     * @param name the header name, in any case
     * @return the value, if present
     */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /**
     * The body of a non-101 response.
     *
     * @return the body as UTF-8, or empty string
     */
    public String body() {
        return body;
    }

    /**
     * Sends one masked, final text frame.
     *
     * @param text the message, under 64 KiB
     * @throws IOException on failure
     */
    public void sendText(String text) throws IOException {
        sendFrame(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the next frame, which must be a final text frame.
     *
     * @return its text
     * @throws IOException on failure or any other frame
     */
    public String readText() throws IOException {
        Frame frame = readFrame();
        if (!frame.fin() || frame.opcode() != Frame.TEXT) {
            throw new IOException("expected a final text frame, got " + frame);
        }
        return frame.text();
    }

    /**
     * Reads the next frame the server sends.
     *
     * @return the frame
     * @throws EOFException if the server closed the connection
     * @throws IOException  on failure
     */
    public Frame readFrame() throws IOException {
        int first = readByte();
        int second = readByte();
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes(Math.toIntExact(length));
        if (payload.length != length) {
            throw new EOFException("frame cut short");
        }
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /**
     * A frame from the server.
     *
     * @param fin     whether it ends its message
     * @param opcode  the opcode, e.g. {@link #TEXT} or {@link #CLOSE}
     * @param payload the unmasked payload
     */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        /** The text frame opcode. */
        public static final int TEXT = 0x1;
        /** The close frame opcode. */
        public static final int CLOSE = 0x8;

        /**
         * The payload as UTF-8 text.
         *
         * @return the text
         */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /**
         * The status code of a close frame.
         *
         * @return the code, or 1005 if the frame has none
         */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", opcode=" + opcode + ", payload=" + text() + "]";
        }
    }

    /**
     * Drops the connection without a close frame, as a client whose network or process fails does.
     *
     * @throws IOException on failure
     */
    public void drop() throws IOException {
        socket.close();
    }

    /**
     * Closes the connection: after a 101, with a normal close frame and a short wait for the server's answer, so the
     * server sees an orderly close; then closes the socket.
     */
    @Override
    public void close() throws IOException {
        try {
            if (status == 101 && !socket.isClosed()) {
                sendFrame(Frame.CLOSE, new byte[] {0x03, (byte) 0xE8});
                socket.setSoTimeout(2000);
                while (readFrame().opcode() != Frame.CLOSE) {
                    // Messages still on their way are dropped.
                }
            }
        } catch (IOException ignored) {
            // The server may have gone already; the socket is closed below either way.
        } finally {
            socket.close();
        }
    }

    private void sendFrame(int opcode, byte[] payload) throws IOException {
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("payload too large for this helper: " + payload.length);
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed in the response head, after '" + line + "'");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
