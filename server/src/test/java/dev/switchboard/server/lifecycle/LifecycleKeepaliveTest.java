package dev.switchboard.server.lifecycle;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.server.testing.BoundedStop;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.testing.ProtocolList.sessionsOnceSettled;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The server pings connections that stay silent for {@code keepalive-interval} and closes those that send nothing,
 * not even a pong, within {@code keepalive-timeout} of the ping.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleKeepaliveTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    // Wide enough for a client thread that a busy 2-core machine holds up for most of a second to answer in time.
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(3);
    /** How long a client that answers must stay open: several intervals and timeouts. */
    private static final Duration STAYS_OPEN = Duration.ofSeconds(3);
    private static final String KEEPALIVE = "  keepalive-interval: 200ms\n  keepalive-timeout: 1s\n"
            + "  close-timeout: 1s\n";

    @TempDir
    static Path tempDir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir), KEEPALIVE);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            BoundedStop.begin(server, Duration.ofSeconds(15)).await();
        }
    }

    @Test
    void aSilentConnectionReceivesAPingWithinTheInterval() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo").dropOnClose()) {
            InboundFrame frame = client.readFrame(INTERVAL.plus(MARGIN));

            assertThat(frame.toString(), frame.opcode(), is(FrameClient.PING));
            assertThat("a ping is a final frame", frame.fin(), is(true));
            assertThat("a control frame carries at most 125 bytes", frame.payload().length <= 125, is(true));
        }
    }

    @Test
    void aConnectionThatAnswersPingsWithPongsStaysOpen() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo").dropOnClose()) {
            AtomicInteger pings = new AtomicInteger();
            readFor(STAYS_OPEN, client, frame -> {
                assertThat("only pings while silent, got " + frame, frame.opcode(), is(FrameClient.PING));
                client.send(OutboundFrame.frame(FrameClient.PONG, frame.payload()));
                pings.incrementAndGet();
            });
            assertThat("pings in " + STAYS_OPEN, pings.get(), greaterThan(0));

            client.sendText("still here");
            assertThat(client.nextText(MARGIN), is("still here"));
        }
    }

    @Test
    void aConnectionThatAnswersPingsWithAnyFrameStaysOpen() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "echo").dropOnClose()) {
            AtomicInteger answers = new AtomicInteger();
            readFor(STAYS_OPEN, client, frame -> {
                if (frame.opcode() == FrameClient.PING) {
                    // A message instead of a pong: the connection is alive all the same.
                    client.sendText("alive " + answers.getAndIncrement());
                } else {
                    assertThat("pings and echoes only, got " + frame, frame.opcode(), is(FrameClient.TEXT));
                }
            });
            assertThat("pings in " + STAYS_OPEN, answers.get(), greaterThan(0));

            client.sendText("still here");
            assertThat(client.nextText(MARGIN), is("still here"));
        }
    }

    @Test
    void aConnectionThatNeverAnswersPingsIsClosedAfterTheKeepaliveTimeout() throws Exception {
        assertThat(sessionsOnceSettled(server, "echo", 0, MARGIN), is(0));
        try (FrameClient client = FrameClient.connect(server.port(), "echo").dropOnClose()) {
            assertThat(sessionsOnceSettled(server, "echo", 1, MARGIN), is(1));
            long started = System.nanoTime();

            // Reads, so the server's frames are not held back, but answers nothing.
            FrameClient.Ending ending = client.awaitEnd(INTERVAL.plus(TIMEOUT).plus(MARGIN));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat("the server ended the session (" + took + "): " + ending, ending.ended(), is(true));
            // Its close frame unanswered, the server gives up after close-timeout (1 s) at the latest.
            assertThat(sessionsOnceSettled(server, "echo", 0, Duration.ofSeconds(1).plus(MARGIN)), is(0));
        }
    }

    @Test
    void aStreamingClientThatNeverSendsButAnswersPingsIsNotDropped() throws Exception {
        // The JDK client answers pings by itself and otherwise sends nothing; dumb-increment sends every 50 ms.
        try (TestClient client = TestClient.connect(server.ws(), "dumb-increment-protocol")) {
            assertThat(client.nextText(), is("0"));

            Thread.sleep(STAYS_OPEN.toMillis());

            // Still streaming: a number arrives, and the connection is not closed.
            Object last = null;
            for (Object message = client.poll(Duration.ZERO); message != null; message = client.poll(Duration.ZERO)) {
                last = message;
            }
            assertThat("numbers kept coming", last, is(not(nullValue())));
            long lastNumber = Long.parseLong((String) last);
            assertThat(lastNumber, greaterThan(10L));
            String next = client.nextText();
            assertThat(Long.parseLong(next), is(lastNumber + 1));
        }
    }

    @Test
    void aKeepaliveIntervalOfZeroSendsNoPings() throws Exception {
        TestServer quiet = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir.resolve("quiet")),
                                            "  keepalive-interval: 0s\n");
        try (FrameClient client = FrameClient.connect(quiet.port(), "echo").dropOnClose()) {
            assertThrowsTimeout(client, STAYS_OPEN);

            client.sendText("still here");
            assertThat(client.nextText(MARGIN), is("still here"));
        } finally {
            BoundedStop.begin(quiet, Duration.ofSeconds(15)).await();
        }
    }

    // Hands every frame that arrives within span to the test, which answers it.
    private static void readFor(Duration span, FrameClient client, FrameAnswer answer) throws Exception {
        long until = System.nanoTime() + span.toNanos();
        while (System.nanoTime() < until) {
            InboundFrame frame;
            try {
                frame = client.readFrame(Duration.ofNanos(Math.max(1_000_000, until - System.nanoTime())));
            } catch (SocketTimeoutException e) {
                return;
            }
            answer.answer(frame);
        }
    }

    private interface FrameAnswer {
        void answer(InboundFrame frame) throws Exception;
    }

    private static void assertThrowsTimeout(FrameClient client, Duration wait) throws Exception {
        try {
            InboundFrame frame = client.readFrame(wait);
            throw new AssertionError("expected no frame within " + wait + ", got " + frame);
        } catch (SocketTimeoutException expected) {
            // Nothing came.
        }
    }
}
