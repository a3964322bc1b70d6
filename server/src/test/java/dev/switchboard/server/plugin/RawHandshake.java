package dev.switchboard.server.plugin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.TestClient;

/**
 * Opening handshakes over a plain socket, for what the JDK client hides: a refusal's exact bytes and the end of the
 * TCP connection after it, custom {@code User-Agent} headers, and the client's own port.
 */
final class RawHandshake {

    private RawHandshake() {
    }

    /**
     * A complete handshake request for {@code path} offering one subprotocol, with extra header lines.
     *
     * @param port        the server's port
     * @param path        the request target, query included
     * @param subprotocol the offered subprotocol
     * @param extra       extra headers, name to value, in order
     * @return the request bytes
     */
    static byte[] request(int port, String path, String subprotocol, Map<String, String> extra) {
        StringBuilder request = new StringBuilder(FrameClient.request(port, path, FrameClient.newKey(),
                                                                      List.of(subprotocol)));
        // FrameClient's request ends with the empty line: insert the extra headers before it.
        request.setLength(request.length() - 2);
        extra.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends a handshake and reads everything the server sends until it ends the connection.
     *
     * @param port    the server's port
     * @param request the request bytes
     * @return every byte of the answer
     * @throws AssertionError if the server keeps the connection open for {@link TestClient#TIMEOUT}
     * @throws IOException    on failure
     */
    static byte[] exchangeUntilEof(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close the connection within " + TestClient.TIMEOUT
                                                 + "; received so far: '"
                                                 + received.toString(StandardCharsets.UTF_8) + "'");
            } catch (SocketException e) {
                // A reset ends the connection as well.
            }
            return received.toByteArray();
        }
    }

    /**
     * Opens a WebSocket connection with a raw socket, requiring a 101.
     *
     * @param port        the server's port
     * @param subprotocol the offered subprotocol
     * @param userAgent   the {@code User-Agent} header, or {@code null} for none
     * @return the open connection
     * @throws IOException on failure
     */
    static Connection open(int port, String subprotocol, String userAgent) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        if (userAgent != null) {
            extra.put("User-Agent", userAgent);
        }
        return open(port, "/", subprotocol, extra);
    }

    /**
     * Opens a WebSocket connection with a raw socket, requiring a 101, for a request target of the caller's choice.
     *
     * @param port        the server's port
     * @param path        the request target, query included
     * @param subprotocol the offered subprotocol
     * @param extra       extra request headers, name to value, in order
     * @return the open connection, with the head of the 101 response
     * @throws IOException on failure
     */
    static Connection open(int port, String path, String subprotocol, Map<String, String> extra) throws IOException {
        Socket socket = connect(port);
        try {
            socket.getOutputStream().write(request(port, path, subprotocol, extra));
            socket.getOutputStream().flush();
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 101 ")) {
                throw new AssertionError("expected 101, got: " + head);
            }
            return new Connection(socket, head);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port),
                       (int) TestClient.TIMEOUT.toMillis());
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (head.size() < 4 || !Arrays.equals(Arrays.copyOfRange(head.toByteArray(), head.size() - 4,
                                                                     head.size()), end)) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the response head: '" + head + "'");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** An upgraded connection that sends nothing; closing it drops the TCP connection. */
    static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final String head;

        private Connection(Socket socket, String head) {
            this.socket = socket;
            this.head = head;
        }

        /**
         * The header lines of the 101 response, without the status line, as sent.
         *
         * @return the lines
         */
        List<String> headerLines() {
            List<String> lines = List.of(head.substring(0, head.length() - 4).split("\r\n"));
            return lines.subList(1, lines.size());
        }

        /**
         * The client's end of the connection: the address the server sees.
         *
         * @return address and port
         */
        InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        /**
         * The address as {@code ip:port}, as the watcher plugins report it.
         *
         * @return the text
         */
        String address() {
            return localAddress().getAddress().getHostAddress() + ":" + localAddress().getPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
