package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A raw-socket RFC 6455 client for tests, for what the JDK client cannot do: an opening handshake written as plain
 * bytes ({@link UpgradeRequest}: repeated or missing headers, any header bytes, bytes right after the request), its
 * answer read as sent ({@link UpgradeResponse}), frames built bit by bit, rules broken included
 * ({@link OutboundFrame}), written in pieces, and the server's frames read back exactly as they are on the wire
 * ({@link FrameInput}).
 *
 * <p>It does only what a test tells it: it answers no ping and no close frame by itself (only {@link #close()} ends
 * with a closing handshake, unless {@link #dropOnClose() told not to}), so it can also stand for a client that stops
 * reading (with a {@link #connectWithSmallReceiveBuffer small receive buffer}), answers nothing, or ends the connection
 * with a FIN ({@link #drop()}) or a reset ({@link #reset()}).
 *
 * <p>Every read has a timeout ({@link TestClient#TIMEOUT} unless {@link #timeout(Duration) changed} or given), so a
 * silent server fails a test instead of hanging it. Frames from the server must never be masked.
 */
public final class FrameClient extends FrameInput implements AutoCloseable {

    /** Opcodes (RFC 6455 section 5.2). */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    /** The reserved bits, as {@link InboundFrame#rsv()} and {@link OutboundFrame#rsv(int)} number them. */
    public static final int RSV1 = 0b100, RSV2 = 0b010, RSV3 = 0b001;

    private final OutputStream out;
    private final UpgradeResponse response;
    private boolean dropOnClose;

    private FrameClient(Socket socket, UpgradeResponse response) throws IOException {
        super(socket);
        this.out = socket.getOutputStream();
        this.response = response;
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
        String key = UpgradeRequest.newKey();
        byte[] request = UpgradeRequest.request(port, "/", key, List.of(subprotocol))
                .getBytes(StandardCharsets.US_ASCII);
        return exchange(port, receiveBufferBytes, null, request, key).expect101();
    }

    /**
     * As {@link #connect(int, String, int)} with a 4 KiB receive buffer: the client that stands for one that reads
     * slowly or not at all, whose missing reads the server meets after a few writes.
     */
    public static FrameClient connectWithSmallReceiveBuffer(int port, String subprotocol) throws IOException {
        return connect(port, subprotocol, 4096);
    }

    /**
     * Upgrades {@code path} offering one subprotocol, with extra request headers (name to value, in map order), and
     * requires a 101.
     */
    public static FrameClient connect(int port, String path, String subprotocol, Map<String, String> headers)
            throws IOException {
        String key = UpgradeRequest.newKey();
        byte[] request = UpgradeRequest.withHeaders(UpgradeRequest.request(port, path, key, List.of(subprotocol)),
                                                    headers);
        return exchange(port, request, key).expect101();
    }

    /** Upgrades {@code path} with one {@code Sec-WebSocket-Protocol} line per element (none if empty). */
    public static FrameClient upgrade(int port, String path, List<String> protocolLines) throws IOException {
        String key = UpgradeRequest.newKey();
        return exchange(port, 0, null,
                        UpgradeRequest.request(port, path, key, protocolLines).getBytes(StandardCharsets.US_ASCII),
                        key);
    }

    /**
     * Upgrades {@code /} offering one subprotocol, from a socket bound to {@code localAddress}: on Linux every address
     * of 127.0.0.0/8 is the loopback interface, so {@code 127.0.0.2} stands for a second client machine.
     */
    public static FrameClient upgradeFrom(InetAddress localAddress, int port, String subprotocol) throws IOException {
        String key = UpgradeRequest.newKey();
        return exchange(port, 0, localAddress, UpgradeRequest.request(port, "/", key, List.of(subprotocol))
                .getBytes(StandardCharsets.US_ASCII), key);
    }

    /**
     * Writes {@code requestBytes} in one write and reads the response head (and a refusal's {@code Content-Length}
     * body), as {@link UpgradeResponse#read} checks it against {@code key}.
     *
     * @throws java.io.EOFException if the server closes the connection before the end of the response head
     */
    public static FrameClient exchange(int port, byte[] requestBytes, String key) throws IOException {
        return exchange(port, 0, null, requestBytes, key);
    }

    /**
     * Writes a handshake the server refuses and requires the server to end TCP after its answer (within
     * {@link TestClient#TIMEOUT}), sending nothing after the body.
     *
     * @return the answer, as sent
     */
    public static UpgradeResponse refused(int port, byte[] requestBytes) throws IOException {
        try (FrameClient client = exchange(port, requestBytes, null)) {
            client.expectEof(TestClient.TIMEOUT);
            return client.response();
        }
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
            return new FrameClient(socket, UpgradeResponse.read(socket.getInputStream(), key));
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /** Requires the handshake to have been answered with a 101; else closes and fails. */
    public FrameClient expect101() throws IOException {
        if (response.status() != 101) {
            socket.close();
            throw new AssertionError("expected 101, got " + response.status() + " " + response.body());
        }
        return this;
    }

    /** The answer to the opening handshake, as sent. */
    public UpgradeResponse response() {
        return response;
    }

    /** The response status, e.g. 101 or 400. */
    public int status() {
        return response.status();
    }

    /** Every value of a response header (name in any case), one per header line; empty if absent. */
    public List<String> headers(String name) {
        return response.headers(name);
    }

    /** The first value of a response header. */
    public Optional<String> header(String name) {
        return response.header(name);
    }

    /** The body of a non-101 response, as UTF-8; empty without {@code Content-Length}. */
    public String body() {
        return response.body();
    }

    /** The client's end of the connection: the address and port the server sees. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The client's own port, as the server sees it in the peer address. */
    public int localPort() {
        return socket.getLocalPort();
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
        write(OutboundFrame.concat(frames));
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

    /** Drops the connection and gives the response status: the end of a refused handshake. */
    public int statusThenDrop() throws IOException {
        drop();
        return response.status();
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
            if (response.status() == 101 && !socket.isClosed() && !socket.isOutputShutdown()) {
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
}
