package dev.switchboard.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.JsonParser;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.UpgradeRequest;

/**
 * An {@code lws-status} client for tests. It connects over a raw socket, so that its handshake carries exactly the
 * {@code User-Agent} bytes a test chooses, and reads every message as a status document: each must be strict JSON
 * of the documented shape, every value a string, and must list this client's own connection, which it recognises by
 * its user agent (so give each client a distinct one). Public for the cluster tests in other packages.
 */
public final class StatusClient implements AutoCloseable {

    private static final Set<String> DOCUMENT_FIELDS = Set.of("version", "hostname", "wsi", "nodes", "conns");
    private static final Set<String> CONNECTION_FIELDS = Set.of("peer", "time", "ua", "protocol", "id", "node");

    private final FrameClient frames;
    private final String userAgent;
    private Document last;

    /** One status document. */
    public record Document(String version, String hostname, String wsi, List<String> nodes, List<Connection> conns,
                    String json) {

        /** The protocols of the listed connections, in document order (newest first). */
        public List<String> protocols() {
            return conns.stream().map(Connection::protocol).toList();
        }

        /** How many listed connections speak a protocol. */
        public long count(String protocol) {
            return conns.stream().filter(connection -> connection.protocol().equals(protocol)).count();
        }

        /** Whether the document lists a connection with this user agent. */
        public boolean lists(String userAgent) {
            return conns.stream().anyMatch(connection -> connection.ua().equals(userAgent));
        }
    }

    /** One entry of {@code conns}. */
    public record Connection(String peer, String time, String ua, String protocol, String id, String node) {
    }

    private StatusClient(FrameClient frames, String userAgent) {
        this.frames = frames;
        this.userAgent = userAgent;
    }

    /**
     * Opens an {@code lws-status} connection whose handshake sends the given user agent as UTF-8.
     *
     * @param port      the server's port
     * @param userAgent the user agent, as the server will report it: ASCII, no line break
     * @return the connected client
     */
    public static StatusClient connect(int port, String userAgent) throws IOException {
        return connect(port, userAgent.getBytes(StandardCharsets.UTF_8), userAgent);
    }

    /**
     * Opens an {@code lws-status} connection whose handshake sends the given bytes as the {@code User-Agent} value.
     *
     * @param port              the server's port
     * @param userAgentBytes    the header value's bytes
     * @param reportedUserAgent the user agent as the server is expected to report it, after it decoded the bytes
     * @return the connected client
     */
    static StatusClient connect(int port, byte[] userAgentBytes, String reportedUserAgent) throws IOException {
        String key = UpgradeRequest.newKey();
        byte[] request = UpgradeRequest.withHeader(UpgradeRequest.request(port, "/", key, List.of("lws-status")),
                                                   "User-Agent", userAgentBytes);
        FrameClient frames = FrameClient.exchange(port, request, key).expect101();
        return new StatusClient(frames, reportedUserAgent);
    }

    /**
     * The next document.
     *
     * @param within how long to wait for it
     * @return the document
     * @throws IOException if none comes in time
     */
    Document next(Duration within) throws IOException {
        last = parse(frames.nextText(within));
        return last;
    }

    /**
     * The next document.
     *
     * @return the document
     * @throws IOException if none comes within {@link TestClient#TIMEOUT}
     */
    Document next() throws IOException {
        return next(TestClient.TIMEOUT);
    }

    /**
     * Reads documents until one matches, within {@link TestClient#TIMEOUT} in all.
     *
     * @param what      the condition, for the failure message
     * @param condition the condition
     * @return the first matching document
     */
    public Document awaitDocument(String what, Predicate<Document> condition) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                throw new AssertionError("no document with " + what + " within " + TestClient.TIMEOUT
                        + "; the last one: " + (last == null ? "none" : last.json()));
            }
            Document document;
            try {
                document = next(left);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (condition.test(document)) {
                return document;
            }
        }
    }

    /**
     * Every document that arrives until none has come for {@code quiet}, within {@link TestClient#TIMEOUT} in all.
     *
     * @param quiet how long without a document ends the wait
     * @return the documents, in order
     */
    List<Document> untilQuiet(Duration quiet) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        List<Document> documents = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try {
                documents.add(next(quiet));
            } catch (SocketTimeoutException e) {
                return documents;
            }
        }
        throw new AssertionError("documents kept coming for " + TestClient.TIMEOUT + ": " + documents.size());
    }

    /**
     * The raw connection, to send messages or check for silence.
     *
     * @return the frame client
     */
    FrameClient frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        frames.close();
    }

    private Document parse(String json) {
        Map<String, Object> fields = object(JsonParser.parse(json), DOCUMENT_FIELDS, json);
        if (!(fields.get("conns") instanceof List<?> entries)) {
            throw new AssertionError("conns is not an array: " + json);
        }
        List<Connection> conns = new ArrayList<>();
        for (Object entry : entries) {
            Map<String, Object> connection = object(entry, CONNECTION_FIELDS, json);
            conns.add(new Connection(string(connection, "peer", json), string(connection, "time", json),
                                     string(connection, "ua", json), string(connection, "protocol", json),
                                     string(connection, "id", json), string(connection, "node", json)));
        }
        if (!(fields.get("nodes") instanceof List<?> nodeList)
                || !nodeList.stream().allMatch(String.class::isInstance)) {
            throw new AssertionError("nodes is not an array of strings: " + json);
        }
        List<String> nodes = nodeList.stream().map(String.class::cast).toList();
        Document document = new Document(string(fields, "version", json), string(fields, "hostname", json),
                                          string(fields, "wsi", json), nodes, List.copyOf(conns), json);
        if (!document.lists(userAgent)) {
            throw new AssertionError("a document without the receiving connection (user agent '" + userAgent
                    + "'): " + json);
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, Set<String> fields, String json) {
        if (!(value instanceof Map<?, ?> map) || !map.keySet().equals(fields)) {
            throw new AssertionError("expected an object with exactly " + fields + ": " + json);
        }
        return (Map<String, Object>) map;
    }

    private static String string(Map<String, Object> fields, String name, String json) {
        if (!(fields.get(name) instanceof String text)) {
            throw new AssertionError(name + " is not a string: " + json);
        }
        return text;
    }
}
