package dev.switchboard.server.plugin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.FrameClients;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code ProtocolContext.serverConnections()}: a protocol sees every open connection of the server, whatever its
 * protocol, as read-only facts, and is told of changes on its own timer thread, a burst at a time.
 *
 * <p>The "watch" plugin subscribes two listeners when it is created, in this order: "main", which sends its
 * sessions a summary of {@code list()} ("change run=N count=C size=S thread=T tccl=B" and one line per connection:
 * id, subprotocol, address, user agent or "-", openedAt in epoch milliseconds, tab-separated), and "sentinel",
 * which sends "sentinel main=N count=C". Both run on the same timer thread, main first for one change: when the
 * sentinel reports a change, main's run for it is over.
 */
class ServerConnectionsViewTest {

    private static final int BURST = 30;

    // A server per test: each test counts every connection of the server.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("watch").perTest();

    @Test
    void watcherSeesTheConnectionsOfOtherProtocolsNewestFirstWithTheirFactsAndOnTheTimerThread() throws Exception {
        try (TestClient watcher = TestClient.connect(server.ws(), "watch")) {
            String watcherId = watcher.nextText().substring("me ".length());
            Summary alone = awaitChange(watcher, s -> s.size() == 1);
            Entry self = alone.entries().getFirst();
            assertThat(self.id(), is(watcherId));
            assertThat(self.subprotocol(), is("watch"));
            assertThat(self.address(), startsWith("127.0.0.1:"));
            assertThat("the JDK client's own User-Agent", self.userAgent(), startsWith("Java-http-client/"));

            // One at a time, each seen before the next, so that the order of opening is known.
            try (FrameClient echo1 = openAndAwait(watcher, "echo", "agent-one/1.0", 2);
                 FrameClient reverse = openAndAwait(watcher, "reverse", "agent two (reverse)", 3);
                 FrameClient echo2 = open(server.port(), "echo", null)) {
                Summary all = awaitChange(watcher, s -> s.size() == 4);
                assertThat(all.count(), is(all.size()));
                assertThat(all.thread(), startsWith("switchboard-timer-watch"));
                assertThat("the listener runs with the plugin's class loader as context class loader",
                           all.tccl(), is(true));
                assertThat(all.entries().stream().map(Entry::subprotocol).toList(),
                           contains("echo", "reverse", "echo", "watch"));
                assertThat(all.entries().stream().map(Entry::address).toList(),
                           contains(is(address(echo2)), is(address(reverse)), is(address(echo1)),
                                    is(self.address())));
                assertThat(all.entries().stream().map(Entry::userAgent).toList(),
                           contains(is("-"), is("agent two (reverse)"), is("agent-one/1.0"),
                                    startsWith("Java-http-client/")));
                assertThat(all.entries().getLast(), is(self));
                assertThat("ids are unique", all.entries().stream().map(Entry::id).distinct().count(), is(4L));
                List<Instant> opened = all.entries().stream().map(Entry::openedAt).toList();
                for (int i = 1; i < opened.size(); i++) {
                    assertThat("newest first", opened.get(i - 1), greaterThanOrEqualTo(opened.get(i)));
                }

                // Closing one removes it; the others keep their facts.
                reverse.close();
                Summary withoutReverse = awaitChange(watcher, s -> s.size() == 3);
                assertThat(withoutReverse.count(), is(3));
                assertThat(withoutReverse.entries(), contains(all.entries().get(0), all.entries().get(2),
                                                              all.entries().get(3)));

                echo2.close();
                Summary withoutEcho2 = awaitChange(watcher, s -> s.size() == 2);
                assertThat(withoutEcho2.count(), is(2));
                assertThat(withoutEcho2.entries(), contains(all.entries().get(2), all.entries().get(3)));
            }
        }
    }

    @Test
    void connectionsOfTheJdkClientAreListedWithTheirSubprotocolAndClosedOnesDisappear() throws Exception {
        try (TestClient watcher = watcherAlone()) {
            try (TestClient echo = TestClient.connect(server.ws(), "echo")) {
                Summary withEcho = awaitChange(watcher, s -> s.size() == 2);
                assertThat(withEcho.entries().getFirst().subprotocol(), is("echo"));
                try (TestClient reverse = TestClient.connect(server.ws(), "reverse")) {
                    Summary withReverse = awaitChange(watcher, s -> s.size() == 3);
                    assertThat(withReverse.entries().stream().map(Entry::subprotocol).toList(),
                               contains("reverse", "echo", "watch"));
                    assertThat(withReverse.count(), is(3));
                }
                Summary afterReverse = awaitChange(watcher, s -> s.size() == 2);
                assertThat(afterReverse.entries().stream().map(Entry::subprotocol).toList(),
                           contains("echo", "watch"));
            }
            Summary afterEcho = awaitChange(watcher, s -> s.size() == 1);
            assertThat(afterEcho.entries().getFirst().subprotocol(), is("watch"));
        }
    }

    @Test
    void burstOfOpensWhileTheTimerIsBusyCostsOneRunThatSeesThemAll() throws Exception {
        try (TestClient watcher = watcherAlone()) {
            int before = marker(watcher);

            watcher.send("hold");
            awaitMessage(watcher, "holding");
            try (FrameClients burst = new FrameClients()) {
                for (int i = 0; i < BURST; i++) {
                    burst.add(open(server.port(), i % 2 == 0 ? "echo" : "reverse", "burst-" + i));
                }
                awaitCount(watcher, BURST + 1);
                watcher.send("release");
                // The marker task queues behind every run scheduled so far.
                Marked marked = marked(watcher);
                assertThat("listener runs for " + BURST + " opens", marked.mainRuns() - before,
                           allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(2)));
                Summary last = marked.last();
                assertThat(last.run(), is(marked.mainRuns()));
                assertThat(last.size(), is(BURST + 1));
                assertThat(last.count(), is(BURST + 1));
                List<String> agents = last.entries().stream().map(Entry::userAgent).toList();
                for (int i = 0; i < BURST; i++) {
                    assertThat(agents, hasItem("burst-" + i));
                }
            }
            awaitChange(watcher, s -> s.size() == 1);
        }
    }

    @Test
    void burstOfParallelOpensEndsWithARunThatSeesThemAll() throws Exception {
        try (TestClient watcher = watcherAlone()) {
            int before = marker(watcher);
            try (FrameClients burst = new FrameClients()) {
                List<Thread> openers = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    int n = i;
                    openers.add(Thread.ofVirtual().start(() -> {
                        try {
                            burst.add(open(server.port(), "echo", "parallel-" + n));
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }));
                }
                for (Thread opener : openers) {
                    assertThat(opener.join(TestClient.TIMEOUT), is(true));
                }
                assertThat(burst.size(), is(BURST));
                Summary all = awaitChange(watcher, s -> s.size() == BURST + 1);
                assertThat(all.count(), is(BURST + 1));
                assertThat(all.entries().stream().map(Entry::subprotocol).distinct().toList(),
                           contains("echo", "watch"));
                // Whatever the timing, never more runs than changes.
                assertThat(marker(watcher) - before, allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(BURST)));
            }
        }
    }

    @Test
    void cancelledSubscriptionIsNotCalledAgain() throws Exception {
        try (TestClient watcher = watcherAlone()) {
            watcher.send("cancel");
            int atCancel = Integer.parseInt(awaitMessage(watcher, "cancelled main=").substring(
                    "cancelled main=".length()));

            try (FrameClient echo = open(server.port(), "echo", "after-cancel")) {
                assertThat(awaitSentinel(watcher, 2), is(atCancel));
            }
            assertThat(awaitSentinel(watcher, 1), is(atCancel));
            watcher.send("marker");
            assertThat(awaitMessage(watcher, "marker main="), is("marker main=" + atCancel));
        }
    }

    @Test
    void listenerThatThrowsIsLoggedAndCalledAgainOnTheNextChange() throws Exception {
        try (LogCapture log = LogCapture.of("switchboard.protocol.watch");
             TestClient watcher = watcherAlone()) {
            watcher.send("throw-next");
            awaitMessage(watcher, "armed");

            try (FrameClient first = open(server.port(), "echo", "first")) {
                awaitSentinel(watcher, 2);
                log.await(Level.WARNING, message -> message.contains("watch") && message.contains("listener boom"));
                try (FrameClient second = open(server.port(), "reverse", "second")) {
                    Summary next = awaitChange(watcher, s -> s.size() == 3);
                    assertThat(next.entries().stream().map(Entry::userAgent).toList(),
                               contains(is("second"), is("first"), startsWith("Java-http-client/")));
                }
            }
            awaitChange(watcher, s -> s.size() == 1);
        }
    }

    @Test
    void connectionInfoGivesNoWayToTheSessionsOfOtherProtocolsNorToTheirHandshakes() throws Exception {
        try (TestClient watcher = TestClient.connect(server.ws(), "watch");
             TestClient echo = TestClient.connect(URI.create(server.ws() + "?token=s3cret"), "echo")) {
            watcher.nextText();
            awaitChange(watcher, s -> s.size() == 2);
            assertThat(echo.ask("still echoing"), is("still echoing"));
            watcher.send("probe");
            String probe = awaitMessage(watcher, "probe ");
            assertThat(probe, allOf(containsString("listed=2 "),
                                    containsString(" sessions=0 "),
                                    containsString(" handshakes=0 "),
                                    containsString(" secrets=0 "),
                                    containsString(" immutable=true "),
                                    containsString(" ownSessionsOnly=true ")));
            assertThat("the probe could read every field", probe, not(containsString("inaccessible")));
        }
    }

    // A raw connection that sends nothing, with a User-Agent unless null; closing it drops the TCP connection.
    private static FrameClient open(int port, String protocol, String userAgent) throws IOException {
        Map<String, String> headers = userAgent == null ? Map.of() : Map.of("User-Agent", userAgent);
        return FrameClient.connect(port, "/", protocol, headers).dropOnClose();
    }

    // The client's address as ip:port, as the watcher plugins report it.
    private static String address(FrameClient connection) {
        return connection.localAddress().getAddress().getHostAddress() + ":" + connection.localAddress().getPort();
    }

    // Opens a connection and waits until main lists it as the expected number of connections.
    private FrameClient openAndAwait(TestClient watcher, String protocol, String userAgent, int expected)
            throws Exception {
        FrameClient connection = open(server.port(), protocol, userAgent);
        try {
            awaitChange(watcher, s -> s.size() == expected);
        } catch (Exception | Error e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    // A watcher past its greeting that has seen itself listed alone: what the list shows next is the test's doing.
    private static TestClient watcherAlone() throws Exception {
        TestClient watcher = TestClient.connect(server.ws(), "watch");
        try {
            watcher.nextText();
            awaitChange(watcher, s -> s.size() == 1);
        } catch (Exception | Error e) {
            watcher.close();
            throw e;
        }
        return watcher;
    }

    private static int marker(TestClient watcher) throws Exception {
        watcher.send("marker");
        return Integer.parseInt(awaitMessage(watcher, "marker main=").substring("marker main=".length()));
    }

    private static void awaitCount(TestClient watcher, int expected) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            watcher.send("count");
            String count = awaitMessage(watcher, "count ");
            if (count.equals("count " + expected)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("count did not reach " + expected + ": " + count);
            }
            Thread.sleep(10);
        }
    }

    // The count the sentinel reports once it saw `count` connections, and main's runs then.
    private static int awaitSentinel(TestClient watcher, int count) throws Exception {
        String suffix = " count=" + count;
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            String message = awaitMessage(watcher, "sentinel ", deadline);
            if (message.endsWith(suffix)) {
                return Integer.parseInt(message.substring("sentinel main=".length(), message.indexOf(' ', 9)));
            }
        }
    }

    // Queues a marker task on the timer: main's runs when it ran, and the last summary of main before it.
    private static Marked marked(TestClient watcher) throws Exception {
        watcher.send("marker");
        Summary last = null;
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            Object message = watcher.poll(remaining(deadline));
            if (message == null) {
                throw new AssertionError("no marker within " + TestClient.TIMEOUT);
            }
            if (message instanceof String text && text.startsWith("change ")) {
                last = Summary.parse(text);
            } else if (message instanceof String text && text.startsWith("marker main=")) {
                if (last == null) {
                    throw new AssertionError("no summary before the marker");
                }
                return new Marked(Integer.parseInt(text.substring("marker main=".length())), last);
            }
        }
    }

    private record Marked(int mainRuns, Summary last) {
    }

    private static Summary awaitChange(TestClient watcher, Predicate<Summary> wanted) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            String message;
            try {
                message = awaitMessage(watcher, "change ", deadline);
            } catch (AssertionError e) {
                throw new AssertionError("no summary as expected; seen: " + seen, e);
            }
            Summary summary = Summary.parse(message);
            if (wanted.test(summary)) {
                return summary;
            }
            seen.add(message);
        }
    }

    private static String awaitMessage(TestClient watcher, String prefix) throws Exception {
        return awaitMessage(watcher, prefix, System.nanoTime() + TestClient.TIMEOUT.toNanos());
    }

    // The next message starting with the prefix; others are skipped.
    private static String awaitMessage(TestClient watcher, String prefix, long deadline) throws Exception {
        while (true) {
            Object message = watcher.poll(remaining(deadline));
            if (message == null) {
                throw new AssertionError("no message starting with '" + prefix + "' within " + TestClient.TIMEOUT);
            }
            if (message instanceof String text && text.startsWith(prefix)) {
                return text;
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** One connection as main listed it. */
    private record Entry(String id, String subprotocol, String address, String userAgent, Instant openedAt) {
    }

    /** One summary of main. */
    private record Summary(int run, int count, int size, String thread, boolean tccl, List<Entry> entries) {

        static Summary parse(String text) {
            String[] lines = text.split("\n");
            // change run=N count=C size=S thread=T tccl=B
            String head = lines[0];
            int run = Integer.parseInt(field(head, "run=", " count="));
            int count = Integer.parseInt(field(head, "count=", " size="));
            int size = Integer.parseInt(field(head, "size=", " thread="));
            String thread = field(head, "thread=", " tccl=");
            boolean tccl = Boolean.parseBoolean(head.substring(head.indexOf(" tccl=") + 6));
            List<Entry> entries = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                entries.add(new Entry(f[0], f[1], f[2], f[3], Instant.ofEpochMilli(Long.parseLong(f[4]))));
            }
            if (entries.size() != size) {
                throw new AssertionError("summary with " + entries.size() + " lines for size " + size + ": " + text);
            }
            assertThat(entries.stream().map(Entry::id).toList(), everyItem(not(is(""))));
            return new Summary(run, count, size, thread, tccl, List.copyOf(entries));
        }

        private static String field(String head, String start, String end) {
            int from = head.indexOf(start) + start.length();
            return head.substring(from, head.indexOf(end, from));
        }
    }
}
