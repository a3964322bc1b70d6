package dev.switchboard.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.StatusClient.Connection;
import dev.switchboard.server.StatusClient.Document;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * {@code lws-status} under bursts of connections: updates come at most one per interval however many connections
 * change, and the last one always shows the state the burst left.
 */
class StatusProtocolBurstTest {

    /** The default {@code update-interval}. */
    private static final Duration INTERVAL = Duration.ofMillis(250);
    /** Long enough without a document that no trailing update can still be on its way. */
    private static final Duration QUIET = INTERVAL.multipliedBy(4);
    private static final int BURST = 50;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().perTest();

    @Test
    void fiftyConnectionsAtOnceYieldAFewDocumentsAndTheLastListsThemAll() throws Exception {
        try (StatusClient status = StatusClient.connect(server.port(), "status-test/burst")) {
            assertThat(status.next().wsi(), is("1"));
            long start = System.nanoTime();
            List<FrameClient> clients = openAtOnce(BURST, "echo");
            try {
                // Every connection has answered a message, so the server opened all of them before this.
                Duration burst = Duration.ofNanos(System.nanoTime() - start);
                List<Document> documents = status.untilQuiet(QUIET);

                long allowed = burst.toMillis() / INTERVAL.toMillis() + 2;
                assertThat("documents for a burst of " + burst.toMillis() + " ms", (long) documents.size(),
                           lessThanOrEqualTo(allowed));
                assertThat(documents.size(), greaterThanOrEqualTo(1));
                Document last = documents.getLast();
                assertThat(last.wsi(), is(Integer.toString(BURST + 1)));
                assertThat(last.count("echo"), is((long) BURST));
                // The raw clients send no User-Agent.
                assertThat(last.conns().stream().filter(connection -> connection.protocol().equals("echo"))
                                   .map(Connection::ua).distinct().toList(), is(List.of("")));
            } finally {
                closeAtOnce(clients);
            }
        }
    }

    @Test
    void whenOpensAndClosesStopTheLastDocumentShowsWhatIsLeft() throws Exception {
        try (StatusClient status = StatusClient.connect(server.port(), "status-test/burst")) {
            assertThat(status.next().wsi(), is("1"));
            List<FrameClient> echoes = openAtOnce(40, "echo");
            List<FrameClient> reverses = new ArrayList<>();
            try {
                // Half the echo connections close while ten reverse connections open, all at once.
                List<Callable<Void>> mixed = new ArrayList<>();
                for (FrameClient echo : echoes.subList(0, 20)) {
                    mixed.add(() -> {
                        echo.close();
                        return null;
                    });
                }
                for (int i = 0; i < 10; i++) {
                    mixed.add(() -> {
                        FrameClient reverse = openAndCheck("reverse");
                        synchronized (reverses) {
                            reverses.add(reverse);
                        }
                        return null;
                    });
                }
                runAtOnce(mixed);

                status.awaitDocument("20 echo and 10 reverse connections",
                                     document -> document.count("echo") == 20 && document.count("reverse") == 10);
                // A change seen by one update may still trigger the next, which then shows the same state.
                assertThat(wsiOf(status.untilQuiet(QUIET)), everyItem(is("31")));

                closeAtOnce(echoes.subList(20, 40));
                closeAtOnce(reverses);
                status.awaitDocument("the status session alone", document -> document.wsi().equals("1"));
                assertThat(wsiOf(status.untilQuiet(QUIET)), everyItem(is("1")));
            } finally {
                closeAtOnce(echoes);
                closeAtOnce(reverses);
            }
        }
    }

    private static List<String> wsiOf(List<Document> documents) {
        return documents.stream().map(Document::wsi).toList();
    }

    private List<FrameClient> openAtOnce(int count, String protocol) throws Exception {
        List<Callable<FrameClient>> opens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opens.add(() -> openAndCheck(protocol));
        }
        return runAtOnce(opens);
    }

    // Raw clients: they connect faster than the JDK's, so the burst is short and dense. The answer to a message
    // shows the server has opened the session, since it reads a connection only after open().
    private FrameClient openAndCheck(String protocol) throws Exception {
        FrameClient client = FrameClient.connect(server.port(), protocol);
        client.sendText("x");
        assertThat(client.readText(), is("x"));
        return client;
    }

    private static void closeAtOnce(List<FrameClient> clients) throws Exception {
        List<Callable<Void>> closes = new ArrayList<>();
        for (FrameClient client : clients) {
            closes.add(() -> {
                client.close();
                return null;
            });
        }
        runAtOnce(closes);
    }

    private static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = executor.invokeAll(tasks, TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
