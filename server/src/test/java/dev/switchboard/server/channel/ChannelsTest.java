package dev.switchboard.server.channel;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.testing.NumberedMessages.numbered;
import static dev.switchboard.server.testing.NumberedMessages.sentBy;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code ProtocolContext.channels()} through a real server and real clients: one order per channel under concurrent
 * publishers, the backlog for late joiners, channels vanishing with their last member, sessions leaving their
 * channels before their close event, and a session of another protocol refused.
 *
 * <p>The "rooms" test plugin puts each session in the channel named by its {@code room} query parameter (default
 * {@code main}); rooms whose name starts with "b" keep a backlog of 5 messages. Commands: {@code pub TEXT} publishes
 * TEXT, {@code names}, {@code leave}, {@code lastclose} (what the latest close event saw of its channel) and
 * {@code foreign} (joins the latest session of the "lobby" protocol, from the same jar, to its channel).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelsTest {

    private static final int PUBLISHERS = 3;
    private static final int LISTENERS = 2;
    private static final int MESSAGES_EACH = 300;
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    static Path tempDir;

    private static Path protocolsDir;

    private TestServer server;

    @BeforeAll
    static void copyPlugin() throws Exception {
        protocolsDir = Files.createDirectories(tempDir.resolve("protocols"));
        TestPlugins.copyInto(protocolsDir, "rooms");
    }

    @BeforeEach
    void startServer() {
        // A server per test: each test looks at every channel of the protocol.
        server = TestServer.start(protocolsDir, switchboardYaml());
    }

    /**
     * Extra keys of the {@code switchboard} section: none for a single node; {@link ClusterChannelsTest} runs the
     * same tests on a cluster node.
     *
     * @return YAML lines indented by two spaces
     */
    String switchboardYaml() {
        return "";
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyMemberSeesOneOrderUnderConcurrentPublishers() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < PUBLISHERS + LISTENERS; i++) {
                clients.add(join("order"));
            }
            ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
            try {
                List<Future<?>> publishing = new ArrayList<>();
                for (int p = 0; p < PUBLISHERS; p++) {
                    TestClient publisher = clients.get(p);
                    String name = "p" + p;
                    publishing.add(threads.submit((Callable<Void>) () -> {
                        for (int n = 0; n < MESSAGES_EACH; n++) {
                            publisher.send("pub " + name + ":" + n);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : publishing) {
                    future.get();
                }
            } finally {
                threads.shutdown();
            }
            List<String> first = null;
            for (TestClient client : clients) {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < PUBLISHERS * MESSAGES_EACH; i++) {
                    seen.add(client.nextText());
                }
                assertEachPublisherInOrder(seen);
                if (first == null) {
                    first = seen;
                } else {
                    assertThat("every member sees the same sequence", seen, is(first));
                }
            }
            assertThat("the publishers' messages are interleaved, so the order was decided under concurrency",
                       interleavings(first), greaterThan(1));
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void aLateJoinerGetsTheBacklogThenEveryLiveMessageWithNoGapOrDuplicate() throws Exception {
        int last = 400;
        try (TestClient publisher = join("backlog-room")) {
            for (int n = 1; n <= 10; n++) {
                publisher.send("pub " + n);
            }
            for (int n = 1; n <= 10; n++) {
                assertThat(publisher.nextText(), is(Integer.toString(n)));
            }
            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 11; n <= last; n++) {
                        publisher.send("pub " + n);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Joins while the publisher is publishing. The backlog reaches it before the protocol's "joined" line.
            try (TestClient joiner = TestClient.connect(URI.create(server.ws() + "?room=backlog-room"), "rooms")) {
                int first = Integer.parseInt(nextNumber(joiner));
                assertThat("at least 10 were published before the join and the backlog keeps 5", first,
                           greaterThan(5));
                int expected = first + 1;
                while (expected <= last) {
                    assertThat("no gap, no duplicate", nextNumber(joiner), is(Integer.toString(expected++)));
                }
            }
            sending.join();
        }
    }

    @Test
    void aChannelVanishesWithItsLastMember() throws Exception {
        try (TestClient a = join("v1")) {
            try (TestClient b = join("v2")) {
                assertThat(a.ask("names"), is("names [v1, v2] count 2"));
            }
            awaitAnswer(a, "names", "names [v1] count 1");
            assertThat(a.ask("leave"), is("left true again=false members 0"));
            assertThat(a.ask("names"), is("names [] count 0"));
        }
    }

    @Test
    void aSessionThatEndsHasLeftItsChannelsBeforeItsCloseEvent() throws Exception {
        try (TestClient staying = join("c1")) {
            try (TestClient leaving = join("c1")) {
                assertThat(leaving.ask("names"), is("names [c1] count 1"));
            }
            awaitAnswer(staying, "lastclose", "lastclose c1 member=false count=1");
            // Still a member, and the only one: its own publish reaches it alone.
            assertThat(staying.ask("pub after"), is("after"));
        }
    }

    @Test
    void joinsThatRaceForARoomWithACapacityNeverTakeItPast() throws Exception {
        int clients = 12;
        int cap = 3;
        URI uri = URI.create(server.ws() + "?room=small&cap=" + cap);
        List<TestClient> connected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<TestClient>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                connecting.add(pool.submit(() -> TestClient.connect(uri, "rooms")));
            }
            for (Future<TestClient> client : connecting) {
                connected.add(client.get());
            }
            List<TestClient> members = new ArrayList<>();
            for (TestClient client : connected) {
                String joined = client.nextText();
                if (joined.equals("joined small true again=false")) {
                    members.add(client);
                } else {
                    assertThat(joined, is("joined small false again=false"));
                }
            }
            assertThat("members of a room of " + cap, members.size(), is(cap));
            members.getFirst().send("leave");
            assertThat(members.getFirst().nextText(), is("left true again=false members " + (cap - 1)));
            try (TestClient late = TestClient.connect(uri, "rooms")) {
                assertThat("a place came free", late.nextText(), is("joined small true again=false"));
            }
        } finally {
            pool.shutdownNow();
            for (TestClient client : connected) {
                client.close();
            }
        }
    }

    @Test
    void aSessionOfAnotherProtocolCannotJoin() throws Exception {
        try (TestClient lobby = TestClient.connect(server.ws(), "lobby");
             TestClient room = join("f1")) {
            assertThat(lobby.nextText(), is("lobby"));
            assertThat(room.ask("foreign"), is("foreign refused"));
            assertThat(room.ask("pub only-members"), is("only-members"));
            assertThat(room.ask("names"), is("names [f1] count 1"));
        }
    }

    private TestClient join(String room) throws Exception {
        TestClient client = TestClient.connect(URI.create(server.ws() + "?room=" + room), "rooms");
        assertThat(client.nextText(), is("joined " + room + " true again=false"));
        return client;
    }

    // The next published number, past the protocol's "joined" line wherever it falls among them.
    private static String nextNumber(TestClient client) throws Exception {
        String text = client.nextText();
        return text.startsWith("joined ") ? client.nextText() : text;
    }

    // Closing is asynchronous: ask until the answer comes.
    private static void awaitAnswer(TestClient client, String command, String answer) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last;
        do {
            last = client.ask(command);
            if (last.equals(answer)) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat("still not there after " + SETTLE, last, is(answer));
    }

    private static void assertEachPublisherInOrder(List<String> seen) {
        for (int p = 0; p < PUBLISHERS; p++) {
            String prefix = "p" + p + ":";
            assertThat(sentBy(prefix, seen), contains(numbered(prefix, 0, MESSAGES_EACH).toArray()));
        }
    }

    private static int interleavings(List<String> sequence) {
        int switches = 0;
        for (int i = 1; i < sequence.size(); i++) {
            String previous = sequence.get(i - 1);
            if (!sequence.get(i).startsWith(previous.substring(0, previous.indexOf(':')))) {
                switches++;
            }
        }
        assertThat(sequence.getFirst(), startsWith("p"));
        return switches;
    }
}
