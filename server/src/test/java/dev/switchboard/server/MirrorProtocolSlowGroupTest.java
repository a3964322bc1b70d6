package dev.switchboard.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.switchboard.server.Mirror.JOINED;
import static dev.switchboard.server.Mirror.PROTOCOL;
import static dev.switchboard.server.Mirror.confirmed;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

/**
 * Four members of a mirror instance that keep reading, all at one slow rate, are closed as slow consumers, and the four
 * that keep up get every message, in order: a group of slow readers does not set the instance's pace. Before, only a
 * member left alone to drain counted as slow, and a hold waited only for the members at their high-water mark, which
 * slow members of one rate reach in turns: they held the publisher for as long as they stayed
 * (bench/results/2026-12-06-fanout-slow-readers.md: ten of a hundred, for the whole run).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MirrorProtocolSlowGroupTest {

    private static final String SMALL_QUEUE_SHORT_TIMEOUTS =
            "  send-queue-limit: 256KiB\n  send-timeout: 3s\n  close-timeout: 1s\n";
    private static final String MESSAGE_BODY = "x".repeat(64 * 1024);
    /**
     * A slow member's pause after each message: ~1 MB/s, far below what the lockstep below publishes, yet fast enough
     * that the server's blocked writes to it return well within the send timeout (Linux wakes such a write once a
     * third of the socket's send buffer, at most ~1.4 MB, has drained): it is its channel that waits for it, not a
     * stuck write.
     */
    private static final long PAUSE_MILLIS = 64;
    /** A fixed receive buffer: the kernel does not grow it to hold the backlog for the slow reader. */
    private static final int RECEIVE_BUFFER_BYTES = 256 * 1024;
    /**
     * How many messages may go by before the slow members must have been closed: at their pace (~15 a second) that is
     * about 30 s, ten times the send timeout they may keep the publisher waiting.
     */
    private static final int MAX_MESSAGES = 450;
    private static final int BATCH = 4;
    private static final int SLOW = 4;

    /**
     * Extra keys of the {@code switchboard} section: none for a single node; {@link ClusterMirrorProtocolSlowGroupTest}
     * runs the same test on a cluster node.
     *
     * @return YAML lines indented by two spaces
     */
    String switchboardYaml() {
        return "";
    }

    @Test
    void fourMembersReadingSlowlyAreClosedWhileTheOthersGetEveryMessageInOrder() throws Exception {
        List<AutoCloseable> clients = new ArrayList<>();
        // A thread each: they must all read at their rate at once (the common pool may have a single thread).
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
             TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(),
                                                    SMALL_QUEUE_SHORT_TIMEOUTS + switchboardYaml())) {
            // All in the default instance: FrameClient.connect asks for "/". The slow ones join first, so the joins
            // announced after theirs reach them before they read slowly.
            List<FrameClient> slow = new ArrayList<>();
            for (int i = 0; i < SLOW; i++) {
                slow.add(slowMember(server));
                clients.add(slow.get(i));
            }
            TestClient sender = confirmed(TestClient.connect(server.ws(), PROTOCOL));
            clients.add(sender);
            List<TestClient> watchers = new ArrayList<>();
            for (int i = 0; i < SLOW - 1; i++) {
                watchers.add(confirmed(TestClient.connect(server.ws(), PROTOCOL)));
                clients.add(watchers.get(i));
                for (int earlier = 0; earlier < i; earlier++) {
                    assertThat(watchers.get(earlier).nextText(), is(JOINED));
                }
                assertThat(sender.nextText(), is(JOINED));
            }
            assertThat(ProtocolList.sessions(server, PROTOCOL), is(2 * SLOW));
            List<CompletableFuture<SlowEnd>> ends = new ArrayList<>();
            for (FrameClient client : slow) {
                ends.add(CompletableFuture.supplyAsync(() -> readSlowly(client), readers));
            }

            // In lockstep, so the members that keep up never have more than one message queued: only the slow ones
            // fall behind, and while they hold the publisher back this loop runs at their pace.
            long slowBefore = slowConsumerCloses(server);
            int sent = 0;
            while (slowConsumerCloses(server) < slowBefore + SLOW) {
                assertThat("the slow members are not all closed as slow consumers after " + sent + " messages",
                           sent, lessThan(MAX_MESSAGES));
                for (int i = 0; i < BATCH; i++, sent++) {
                    sendInLockstep(sender, watchers, sent);
                }
            }
            // The instance goes on without them.
            for (int i = 0; i < BATCH; i++, sent++) {
                sendInLockstep(sender, watchers, sent);
            }

            for (CompletableFuture<SlowEnd> ending : ends) {
                SlowEnd end = ending.get(30, TimeUnit.SECONDS);
                // They kept reading all along: the server gave up on them, not they on the server.
                assertThat(end.toString(), end.messages(), greaterThan(0));
                assertThat(end.toString(), end.messages(), lessThan(sent));
                // Closed by this rule: not cut by the send timeout, nor closed for overflowing the queue, which the
                // same metric counts.
                assertThat(end.toString(), end.closeCode(), is(1008));
                assertThat(end.toString(), end.how(), startsWith("client does not read fast enough: its channels"));
            }
        } finally {
            for (AutoCloseable client : clients) {
                client.close();
            }
        }
    }

    private static void sendInLockstep(TestClient sender, List<TestClient> watchers, int number) throws Exception {
        sender.send(number + ":" + MESSAGE_BODY);
        for (TestClient watcher : watchers) {
            assertThat(number(watcher.nextText()), is(number));
        }
        assertThat(number(sender.nextText()), is(number));
    }

    // Reads its own message back, so it is a member for sure; then reads on slowly, in readSlowly.
    private static FrameClient slowMember(TestServer server) throws Exception {
        FrameClient client = FrameClient.connect(server.port(), PROTOCOL, RECEIVE_BUFFER_BYTES).dropOnClose();
        try {
            client.sendText("slow");
            assertThat(client.readText(), is("slow"));
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    // Reads every frame until the connection ends, pausing after each large message; the code and reason of a close
    // frame, or 0 and what ended the connection without one.
    private static SlowEnd readSlowly(FrameClient client) {
        int messages = 0;
        try {
            while (true) {
                InboundFrame frame = client.readFrame(Duration.ofSeconds(30));
                if (frame.opcode() == 0x8) {
                    return new SlowEnd(messages, frame.closeCode(), frame.closeReason());
                }
                if (frame.payload().length >= MESSAGE_BODY.length()) {
                    messages++;
                    Thread.sleep(PAUSE_MILLIS);
                }
            }
        } catch (Exception e) {
            return new SlowEnd(messages, 0, e.toString());
        }
    }

    private static long slowConsumerCloses(TestServer server) throws Exception {
        return MetricsScrape.of(server).countOrZero("switchboard_slow_consumer_closes_total", "protocol", PROTOCOL);
    }

    private static int number(String message) {
        return Integer.parseInt(message.substring(0, message.indexOf(':')));
    }

    private record SlowEnd(int messages, int closeCode, String how) {
    }
}
