package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A raw-socket RFC 6455 client for tests, for what the JDK client cannot do: an opening handshake written as plain
 * text (repeated or missing headers, bytes right after the request), frames built bit by bit, rules broken included
 * ({@link OutboundFrame}), written in pieces, and the server's frames read back exactly as they are on the wire.
 *
 * <p>It does only what a test tells it: it answers no ping and no close frame by itself (only {@link #close()} ends
 * with a closing handshake, unless {@link #dropOnClose() told not to}), so it can also stand for a client that stops
 * reading (with a {@link #connect(int, String, int) small receive buffer}), answers nothing, or ends the connection
 * with a FIN ({@link #drop()}) or a reset ({@link #reset()}); {@link #awaitEnd(Duration)} and
 * {@link #drain(Duration)} report how the server ended it.
 *
 * <p>Every read has a timeout ({@link TestClient#TIMEOUT} unless {@link #timeout(Duration) changed} or given), so a
 * silent server fails a test instead of hanging it. Frames from the server must never be masked.
 */
public final class FrameClient implements AutoCloseable {

    /** Opcodes (RFC 6455 section 5.2). */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    /** The reserved bits, as {@link Frame#rsv()} and {@link OutboundFrame#rsv(int)} number them. */
    public static final int RSV1 = 0b100, RSV2 = 0b010, RSV3 = 0b001;

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;
    private boolean dropOnClose;

    private FrameClient(Socket socket, int status, Map<String, List<String>> headers, String body) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    // ---- Opening handshake -------------------------------------------------------------------------------------

    /** Upgrades {@code /} offering one subprotocol, and requires a 101. */
    public static FrameClient connect(int port, String subprotocol) throws IOException {
        return connect(port, subprotocol, 0);
    }

    /**
     * As {@link #connect(int, String)}, with a socket receive buffer of {@code receiveBufferBytes} (0: the system
     * default), set before connecting so the TCP window stays small: a client that stops reading then holds back the
     * server's writes quickly.
     */
    public static FrameClient connect(int port, String subprotocol, int receiveBufferBytes) throws IOException {
        String key = newKey();
        byte[] request = request(port, "/", key, List.of(subprotocol)).getBytes(StandardCharsets.US_ASCII);
        FrameClient client = exchange(port, receiveBufferBytes, null, request, key);
        if (client.status != 101) {
            client.socket.close();
            throw new AssertionError("expected 101, got " + client.status + " " + client.body);
        }
        return client;
    }

    /** Upgrades {@code path} with one {@code Sec-WebSocket-Protocol} line per element (none if empty). */
    public static FrameClient upgrade(int port, String path, List<String> protocolLines) throws IOException {
        String key = newKey();
        return exchange(port, 0, null, request(port, path, key, protocolLines).getBytes(StandardCharsets.US_ASCII),
                        key);
    }

    /**
     * Upgrades {@code /} offering one subprotocol, from a socket bound to {@code localAddress}: on Linux every address
     * of 127.0.0.0/8 is the loopback interface, so {@code 127.0.0.2} stands for a second client machine.
     */
    public static FrameClient upgradeFrom(InetAddress localAddress, int port, String subprotocol) throws IOException {
        String key = newKey();
        return exchange(port, 0, localAddress,
                        request(port, "/", key, List.of(subprotocol)).getBytes(StandardCharsets.US_ASCII), key);
    }

    /** A fresh random {@code Sec-WebSocket-Key}. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** A well-formed upgrade request, for tests to send as is or to alter. */
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

    /**
     * Writes {@code requestBytes} in one write and reads the response head (and a refusal's {@code Content-Length}
     * body). A 101 whose {@code Sec-WebSocket-Accept} does not match {@code key} fails at once (unchecked if
     * {@code key} is null, for requests sent without one).
     *
     * @throws EOFException if the server closes the connection before the end of the response head
     */
    public static FrameClient exchange(int port, byte[] requestBytes, String key) throws IOException {
        return exchange(port, 0, null, requestBytes, key);
    }

    private static FrameClient exchange(int port,
                                        int receiveBufferBytes,
                                        InetAddress localAddress,
                                        byte[] requestBytes,
                                        String key) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port),
                           (int) TestClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            socket.getOutputStream().write(requestBytes);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
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
                Optional<String> length = Optional.ofNullable(headers.get("content-length")).map(List::getFirst);
                if (length.isPresent()) {
                    body = new String(in.readNBytes(Integer.parseInt(length.get())), StandardCharsets.UTF_8);
                }
            } else {
                String accept = headers.getOrDefault("sec-websocket-accept", List.of("(none)")).getFirst();
                if (key != null && !accept.equals(acceptFor(key))) {
                    throw new AssertionError("101 with Sec-WebSocket-Accept " + accept + ", expected "
                                                     + acceptFor(key) + " for key " + key);
                }
            }
            return new FrameClient(socket, status, headers, body);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
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

    /** The response status, e.g. 101 or 400. */
    public int status() {
        return status;
    }

    /** Every value of a response header (name in any case), one per header line; empty if absent. */
    public List<String> headers(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    /** The first value of a response header. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** The client's own port, as the server sees it in the peer address. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** The body of a non-101 response, as UTF-8; empty without {@code Content-Length}. */
    public String body() {
        return body;
    }

    // ---- Writing ---------------------------------------------------------------------------------------------------

    /** Sets how long each later read may wait. */
    public FrameClient timeout(Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        return this;
    }

    /** Sends one masked, final text frame. */
    public void sendText(String text) throws IOException {
        send(OutboundFrame.text(text));
    }

    /** Sends frames, all in one socket write. */
    public void send(OutboundFrame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (OutboundFrame frame : frames) {
            bytes.writeBytes(frame.bytes());
        }
        write(bytes.toByteArray());
    }

    /** Writes raw bytes in one socket write. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes bytes in writes of {@code pieceSize} bytes (1: byte by byte), pausing between them. */
    public void writeInPieces(byte[] bytes, int pieceSize, Duration pause) throws IOException, InterruptedException {
        for (int start = 0; start < bytes.length; start += pieceSize) {
            if (start > 0) {
                Thread.sleep(pause);
            }
            out.write(bytes, start, Math.min(pieceSize, bytes.length - start));
            out.flush();
        }
    }

    /** Half-closes: the server reads EOF, the client can still read. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    // ---- Reading ---------------------------------------------------------------------------------------------------

    /** Reads the next frame; fails if the server masked it. */
    public Frame readFrame() throws IOException {
        int first = readByte();
        int second = readByte();
        if ((second & 0x80) != 0) {
            throw new AssertionError("the server masked a frame (RFC 6455 section 5.1)");
        }
        long length = second & 0x7F;
        int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0) {
            length = 0;
            for (int i = 0; i < extra; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes(Math.toIntExact(length));
        if (payload.length != length) {
            throw new EOFException("frame cut short after " + payload.length + " of " + length + " payload bytes");
        }
        return new Frame((first & 0x80) != 0, (first >>> 4) & 0x7, first & 0x0F, payload);
    }

    /** Reads the next frame, each read waiting at most {@code timeout} instead of the client's timeout. */
    public Frame readFrame(Duration timeout) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(toTimeout(timeout));
        try {
            return readFrame();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(saved);
            }
        }
    }

    /** Reads one whole data message, joining its frames (RSV bits from the first); fails on a control frame or a broken sequence. */
    public Frame readMessage() throws IOException {
        Frame first = readFrame();
        if (first.opcode() != TEXT && first.opcode() != BINARY) {
            throw new AssertionError("expected the start of a data message, got " + first);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        for (Frame frame = first; !frame.fin(); payload.writeBytes(frame.payload())) {
            frame = readFrame();
            if (frame.opcode() != CONTINUATION) {
                throw new AssertionError("expected a continuation frame, got " + frame);
            }
        }
        return new Frame(true, first.rsv(), first.opcode(), payload.toByteArray());
    }

    /** Reads one whole message, which must be text. */
    public String readText() throws IOException {
        Frame message = readMessage();
        if (message.opcode() != TEXT) {
            throw new AssertionError("expected a text message, got " + message);
        }
        return message.text();
    }

    /**
     * Reads frames until a text frame, skipping pings and anything else but a close frame, within {@code within} in
     * all.
     *
     * @return the text frame's payload
     * @throws IOException if no text frame comes in time or a close frame comes first, or on failure
     */
    public String nextText(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Frame frame = readFrame(remaining(deadline));
            if (frame.opcode() == TEXT) {
                return frame.text();
            }
            if (frame.opcode() == CLOSE) {
                throw new IOException("closed while waiting for text: " + frame);
            }
        }
    }

    /**
     * Requires the next frame to be a close frame with {@code code}, then the server to close TCP within
     * {@code eofWithin} without sending anything more.
     *
     * @return the close frame, for its reason
     */
    public Frame expectCloseThenEof(int code, Duration eofWithin) throws IOException {
        Frame frame = readFrame();
        if (frame.opcode() != CLOSE || frame.closeCode() != code) {
            throw new AssertionError("expected a close frame with code " + code + ", got " + frame);
        }
        expectEof(eofWithin);
        return frame;
    }

    /** Requires the server to close TCP within {@code within}, sending nothing first. A reset counts as closed. */
    public void expectEof(Duration within) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(within.toMillis()));
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected EOF, got more bytes from the server, starting with " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the TCP connection within " + within);
        } catch (SocketException e) {
            // Connection reset: closed as well.
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(saved);
            }
        }
    }

    /** Requires the server to send nothing for {@code wait}, and leave the connection open. */
    public void expectSilence(Duration wait) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(wait.toMillis()));
        try {
            Frame frame = readFrame();
            throw new AssertionError("expected nothing from the server for " + wait + ", got " + frame);
        } catch (SocketTimeoutException expected) {
            socket.setSoTimeout(saved);
        }
    }

    // ---- Waiting for the server's end ------------------------------------------------------------------------------

    /**
     * Reads frames, answering nothing, until a close frame, the end of the stream or a reset, or until {@code within}
     * passes.
     *
     * @return how the connection ended, or {@link Ending.Kind#TIMED_OUT} if it did not
     */
    public Ending awaitEnd(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int frames = 0;
        try {
            while (System.nanoTime() < deadline) {
                Frame frame;
                try {
                    frame = readFrame(remaining(deadline));
                } catch (SocketTimeoutException e) {
                    break;
                }
                frames++;
                if (frame.opcode() == CLOSE) {
                    return new Ending(Ending.Kind.CLOSE_FRAME, frame.closeCode(), frame.closeReason(), frames);
                }
            }
            return new Ending(Ending.Kind.TIMED_OUT, 0, "", frames);
        } catch (EOFException e) {
            return new Ending(Ending.Kind.EOF, 0, String.valueOf(e.getMessage()), frames);
        } catch (IOException e) {
            return new Ending(Ending.Kind.RESET, 0, String.valueOf(e), frames);
        }
    }

    /**
     * After a close frame was read: waits up to {@code within} for the server to end the TCP connection, skipping
     * whatever it still sends.
     *
     * @return {@code true} on end of stream or reset, {@code false} if the connection is still up
     */
    public boolean awaitEndOfStream(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            int saved = socket.getSoTimeout();
            try {
                while (System.nanoTime() < deadline) {
                    socket.setSoTimeout(toTimeout(remaining(deadline)));
                    if (in.read() < 0) {
                        return true;
                    }
                }
                return false;
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(saved);
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads everything the server sends until it ends the TCP connection, as a client that stopped reading and now
     * catches up: a close frame on the way is noted, not answered.
     *
     * @return {@link Ending.Kind#EOF} or {@link Ending.Kind#RESET} with the code of a close frame read on the way
     *         (else 0), or {@link Ending.Kind#TIMED_OUT} if the connection is still up after {@code within}
     */
    public Ending drain(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int frames = 0;
        int closeCode = 0;
        String closeReason = "";
        try {
            while (true) {
                Frame frame = readFrame(remaining(deadline));
                frames++;
                if (frame.opcode() == CLOSE && closeCode == 0) {
                    closeCode = frame.closeCode();
                    closeReason = frame.closeReason();
                }
            }
        } catch (SocketTimeoutException e) {
            return new Ending(Ending.Kind.TIMED_OUT, closeCode, closeReason, frames);
        } catch (EOFException e) {
            return new Ending(Ending.Kind.EOF, closeCode, closeReason, frames);
        } catch (IOException e) {
            return new Ending(Ending.Kind.RESET, closeCode, closeReason + " " + e, frames);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    /** A socket timeout of at least 1 ms, as 0 would mean none. */
    private static int toTimeout(Duration timeout) {
        return (int) Math.max(1, timeout.toMillis());
    }

    private static Duration remaining(long deadline) throws SocketTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return Duration.ofNanos(nanos);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the response head, after '" + line + "'");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    // ---- Ending from the client ------------------------------------------------------------------------------------

    /** Drops the connection with a FIN and no close frame, as a client whose process exits does. */
    public void drop() throws IOException {
        socket.close();
    }

    /** Ends the connection with a TCP reset (SO_LINGER 0) and no close frame, as a client whose network fails may. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Makes {@link #close()} {@link #drop()} the connection, for a client that must not answer even at the end. */
    public FrameClient dropOnClose() {
        this.dropOnClose = true;
        return this;
    }

    /**
     * After a 101: a 1000 close and a short wait for the server's close, so it sees an orderly end; then closes. Only
     * closes the socket if {@link #dropOnClose()} was called.
     */
    @Override
    public void close() throws IOException {
        if (dropOnClose) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing left to do.
            }
            return;
        }
        try {
            if (status == 101 && !socket.isClosed() && !socket.isOutputShutdown()) {
                send(OutboundFrame.close(1000, ""));
                socket.setSoTimeout(2000);
                while (readFrame().opcode() != CLOSE) {
                    // Messages still on their way are dropped.
                }
            }
        } catch (IOException | AssertionError ignored) {
            // The server may have gone already; the socket is closed below either way.
        } finally {
            socket.close();
        }
    }

    // ---- Frames ----------------------------------------------------------------------------------------------------

    /** A frame from the server: FIN bit, reserved bits ({@link #RSV1} ...), opcode, payload. */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame; 1005 if it has none. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /** The reason of a close frame. */
        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String shown = payload.length <= 64 ? HexFormat.ofDelimiter(" ").formatHex(payload)
                    : payload.length + " bytes";
            return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode
                    + (opcode == CLOSE ? ", code=" + closeCode() + ", reason='" + closeReason() + "'" : "")
                    + ", payload=" + shown + "]";
        }
    }

    /**
     * How the server ended a connection, as {@link #awaitEnd(Duration)} and {@link #drain(Duration)} saw it.
     *
     * @param kind   close frame, end of stream, reset, or not at all
     * @param code   the close code of a close frame, else 0
     * @param detail the close reason, or the failure
     * @param frames how many frames were read before, the close frame included
     */
    public record Ending(Kind kind, int code, String detail, int frames) {

        /** How the connection ended, or that it did not in time. */
        public enum Kind { CLOSE_FRAME, EOF, RESET, TIMED_OUT }

        /** Whether the connection ended at all. */
        public boolean ended() {
            return kind != Kind.TIMED_OUT;
        }
    }
}
