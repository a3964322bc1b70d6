package dev.switchboard.server.testing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One read of a server's {@code GET /protocols}: the list as JSON text and parsed, and the open sessions it counts.
 * Counts move after a connection ends on the server's side, so tests that expect a change poll with
 * {@link #sessionsOnceSettled}.
 */
public final class ProtocolList {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private final String json;
    private final List<Map<String, Object>> entries;

    private ProtocolList(String json, List<Map<String, Object>> entries) {
        this.json = json;
        this.entries = entries;
    }

    /**
     * Reads the list.
     *
     * @param server the server
     * @return the list
     * @throws Exception on failure, or a status other than 200
     */
    @SuppressWarnings("unchecked")
    public static ProtocolList of(LoopbackServer server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.http("/protocols"))
                                                          .timeout(HTTP_TIMEOUT).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /protocols answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, Object> document = (Map<String, Object>) JsonParser.parse(response.body());
        return new ProtocolList(response.body(), (List<Map<String, Object>>) document.get("protocols"));
    }

    /**
     * The open sessions of one protocol.
     *
     * @param server   the server
     * @param protocol the protocol's name
     * @return its {@code sessions} count
     * @throws Exception on failure, or if the list has no such protocol
     */
    public static int sessions(LoopbackServer server, String protocol) throws Exception {
        return of(server).sessions(protocol);
    }

    /**
     * Reads a protocol's session count until it is {@code expected} or {@code wait} has passed.
     *
     * @param server   the server
     * @param protocol the protocol's name
     * @param expected the count waited for
     * @param wait     the longest wait
     * @return the last count read, for the caller to assert on
     * @throws Exception on failure
     */
    public static int sessionsOnceSettled(LoopbackServer server, String protocol, int expected, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        int sessions = sessions(server, protocol);
        while (sessions != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            sessions = sessions(server, protocol);
        }
        return sessions;
    }

    /**
     * The body as the server sent it.
     *
     * @return the JSON text
     */
    public String json() {
        return json;
    }

    /**
     * The entries of {@code protocols}, one map per protocol ({@code name}, {@code sessions}, ...).
     *
     * @return the entries, in the server's order
     */
    public List<Map<String, Object>> entries() {
        return entries;
    }

    /**
     * The protocols' names.
     *
     * @return the names, in the server's order
     */
    public List<String> names() {
        return entries.stream().map(entry -> (String) entry.get("name")).toList();
    }

    /**
     * The open sessions of one protocol.
     *
     * @param protocol the protocol's name
     * @return its {@code sessions} count
     * @throws AssertionError if the list has no such protocol
     */
    public int sessions(String protocol) {
        return entries.stream()
                .filter(entry -> protocol.equals(entry.get("name")))
                .findFirst()
                .map(entry -> ((Number) entry.get("sessions")).intValue())
                .orElseThrow(() -> new AssertionError("no session count for " + protocol + " in " + json));
    }

    /**
     * The open sessions of all protocols together.
     *
     * @return the sum of the {@code sessions} counts
     */
    public int totalSessions() {
        return entries.stream().mapToInt(entry -> ((Number) entry.get("sessions")).intValue()).sum();
    }
}
