package dev.switchboard.server.lifecycle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * Idle TCP connections that never send a byte, twice as many as the server process may open files, against a server
 * whose fd limit is low: the connections over the budget are closed at once and counted, the listener goes on
 * accepting, and the session that was open throughout is not dropped.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleFdExhaustionTest {

    /** Low enough to reach in a test, high enough for the JVM, its jars and the protocols. */
    private static final int FD_LIMIT = 320;
    private static final int FLOOD = 2 * FD_LIMIT;
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tempDir;

    @Test
    void idleConnectionsPastTheFdLimitLeaveTheListenerAndTheOpenSessionsServing() throws Exception {
        try (ServerProcess server = ServerProcess.startWithFdLimit(tempDir, TestServer.builtInProtocols(), "",
                                                                   FD_LIMIT);
             TestClient earlier = TestClient.connect(server.ws(), "echo")) {
            roundTrip(earlier, "before the flood", server);

            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD; i++) {
                    Socket socket = new Socket();
                    idle.add(socket);
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                    } catch (IOException refusedByTheKernel) {
                        // A listener that is gone refuses connections; the assertions below tell it apart.
                    }
                }
                roundTrip(earlier, "during the flood", server);
                // Far more than the process may hold: the server must have closed the ones over its budget.
                Thread.sleep(1_000);
                assertThat("idle connections the server closed at once\n" + server.output(),
                           closedByTheServer(idle), greaterThanOrEqualTo(FLOOD - FD_LIMIT));
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }

            // The budget is free again: a new client gets in, health answers, and the old session still echoes.
            try (TestClient later = awaitNewClient(server)) {
                roundTrip(later, "a new session", server);
            }
            HttpResponse<String> health = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/observe/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body(), health.statusCode(), is(200));
            roundTrip(earlier, "after the flood", server);

            MetricsScrape metrics = MetricsScrape.of(URI.create("http://127.0.0.1:" + server.port()
                                                                        + "/observe/metrics"));
            assertThat(metrics.text(), metrics.count("switchboard_connections_refused_total"),
                       greaterThanOrEqualTo((long) FLOOD - FD_LIMIT));
            long refusalLines = server.output().lines().filter(line -> line.contains("Refused a connection")).count();
            assertThat("refusals are logged at a pace, not a line each", refusalLines, lessThan(50L));
            assertThat(server.output(), not(containsString("terminating now")));
            assertThat(server.output(), not(containsString("Too many open files")));
            assertThat(server.output(), containsString("fd limit " + FD_LIMIT + ": at most "));
        }
    }

    // A socket the server closed reads the end of the stream or a reset; an open one times out.
    private static int closedByTheServer(List<Socket> sockets) throws IOException {
        int closed = 0;
        for (Socket socket : sockets) {
            if (!socket.isConnected()) {
                continue;
            }
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException stillOpen) {
                // Held by the server.
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed;
    }

    private static TestClient awaitNewClient(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (true) {
            try {
                return TestClient.connect(server.ws(), "echo");
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no new session within " + RECOVERY + ":\n" + server.output(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void roundTrip(TestClient client, String text, ServerProcess server) throws Exception {
        client.send(text);
        assertThat(server.output(), client.nextText(), is(text));
    }
}
