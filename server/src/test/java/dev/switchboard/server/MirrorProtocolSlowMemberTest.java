package dev.switchboard.server;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
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
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A member of a mirror instance that stops reading is closed by the server's slow-consumer rule, and the other
 * members get every message, in order, meanwhile and after. libwebsockets instead holds the whole instance back for
 * its slowest member.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MirrorProtocolSlowMemberTest {

    private static final String SMALL_QUEUE_SHORT_TIMEOUTS =
            "  send-queue-limit: 256KiB\n  send-timeout: 1s\n  close-timeout: 1s\n";
    private static final String MESSAGE_BODY = "x".repeat(64 * 1024);
    /**
     * How many 64 KiB messages may go by before the server must have given up on the stuck member: 64 MiB, many times
     * what the kernel's socket buffers (4 MiB at most by default on Linux) and the 256 KiB queue hold.
     */
    private static final int MAX_MESSAGES = 1024;
    /**
     * How long its connection may stay after that: its close frame cannot pass the write stuck on the full socket, so
     * the socket goes when that write has made no progress for the send timeout (1 s), checked on the supervisor's
     * tick; the rest is margin for a slow machine.
     */
    private static final Duration CONNECTION_GONE_WITHIN = Duration.ofSeconds(10);
    /** Messages sent between two looks at the session count. */
    private static final int BATCH = 8;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aMemberThatStopsReadingIsClosedWhileTheOthersGetEveryMessageInOrder() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(), SMALL_QUEUE_SHORT_TIMEOUTS);
             // All three are in the default instance: FrameClient.connect asks for "/".
             FrameClient stuck = stuckMember(server);
             TestClient sender = confirmed(TestClient.connect(server.ws(), PROTOCOL));
             TestClient watcher = confirmed(TestClient.connect(server.ws(), PROTOCOL))) {
            assertThat(sender.nextText(), is(JOINED));
            assertThat(ProtocolList.sessions(server, PROTOCOL), is(3));

            // In lockstep, so the members that do read never have more than one message queued: only the stuck
            // one can reach the queue limit, and if it held the others back, these loops would stall.
            long slowBefore = slowConsumerCloses(server);
            int sent = 0;
            while (slowConsumerCloses(server) == slowBefore) {
                assertThat("the stuck member is not closed as a slow consumer after " + sent + " messages", sent,
                           lessThan(MAX_MESSAGES));
                for (int i = 0; i < BATCH; i++, sent++) {
                    sendInLockstep(sender, watcher, sent);
                }
            }
            long deadline = System.nanoTime() + CONNECTION_GONE_WITHIN.toNanos();
            while (ProtocolList.sessions(server, PROTOCOL) == 3) {
                assertThat("the stuck member's connection is still there " + CONNECTION_GONE_WITHIN
                                   + " after it was closed as a slow consumer", System.nanoTime() - deadline,
                           lessThan(0L));
                for (int i = 0; i < BATCH; i++, sent++) {
                    sendInLockstep(sender, watcher, sent);
                }
            }
            // The instance goes on without it.
            for (int i = 0; i < BATCH; i++, sent++) {
                sendInLockstep(sender, watcher, sent);
            }

            // Reading at last, the stuck member finds its connection ended by the server, far short of everything.
            FrameClient.Ending ending = stuck.drain(Duration.ofSeconds(20));
            assertThat(ending.toString(), ending.kind(),
                       anyOf(is(FrameClient.Ending.Kind.EOF), is(FrameClient.Ending.Kind.RESET)));
            assertThat(ending.toString(), ending.code(), anyOf(is(0), is(1008)));
            assertThat(ending.toString(), ending.frames(), lessThan(sent));
        }
    }

    private static void sendInLockstep(TestClient sender, TestClient watcher, int number) throws Exception {
        sender.send(number + ":" + MESSAGE_BODY);
        assertThat(number(watcher.nextText()), is(number));
        assertThat(number(sender.nextText()), is(number));
    }

    // Reads its own message back, so it is a member for sure, then never reads again.
    private static FrameClient stuckMember(TestServer server) throws Exception {
        FrameClient client = FrameClient.connectWithSmallReceiveBuffer(server.port(), PROTOCOL).dropOnClose();
        try {
            client.sendText("stuck");
            assertThat(client.readText(), is("stuck"));
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    private static long slowConsumerCloses(TestServer server) throws Exception {
        return MetricsScrape.of(server).countOrZero("switchboard_slow_consumer_closes_total", "protocol", PROTOCOL);
    }

    private static int number(String message) {
        return Integer.parseInt(message.substring(0, message.indexOf(':')));
    }
}
