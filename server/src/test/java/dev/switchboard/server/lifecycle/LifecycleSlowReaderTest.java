package dev.switchboard.server.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.ServerPerTest;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.testing.ProtocolList.sessionsOnceSettled;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A client that stops reading costs the server one bounded queue and is closed, while every other client goes on
 * at its rate.
 *
 * <p>The slow reader is a raw socket with a small receive buffer on the test protocol {@code flood}, which
 * broadcasts a 64 KiB message to all its sessions every 5 ms, so the socket buffers fill within a fraction of a
 * second. No benchmarks: every bound is several times what a working server needs.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleSlowReaderTest {

    private static final String FLOOD = "flood";
    private static final String DUMB_INCREMENT = "dumb-increment-protocol";
    private static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    private static final String SMALL_QUEUE = "  send-queue-limit: 256KiB\n";
    private static final String SMALL_QUEUE_SHORT_TIMEOUT = SMALL_QUEUE + "  send-timeout: 2s\n";
    private static final Duration MARGIN = Duration.ofSeconds(6);
    /** The window over which rates are measured: long enough that a pause of a busy machine is a small part of it. */
    private static final Duration WINDOW = Duration.ofSeconds(4);
    /** dumb-increment's default interval. */
    private static final Duration NUMBER_INTERVAL = Duration.ofMillis(50);

    @RegisterExtension
    final ServerPerTest servers = ServerPerTest.withBuiltInsAnd("flood");

    private TestServer server;

    @Test
    void fiftyStreamingClientsKeepTheirRateWhileASlowReaderIsStuck() throws Exception {
        server = servers.start(SMALL_QUEUE);
        List<TestClient> streaming = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestClient client = TestClient.connect(server.ws(), DUMB_INCREMENT);
            servers.track(client);
            streaming.add(client);
        }
        for (TestClient client : streaming) {
            assertThat(client.nextText(), is("0"));
        }

        FrameClient slow = FrameClient.connect(server.port(), FLOOD, SMALL_RECEIVE_BUFFER).dropOnClose();
        servers.track(slow);
        // The slow reader never reads from here on. Let its buffers fill.
        Thread.sleep(500);

        long[] before = lastNumbers(streaming);
        long started = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        long[] after = lastNumbers(streaming);
        Duration window = Duration.ofNanos(System.nanoTime() - started);

        // Half the rate: 50 clients in this JVM share two cores with the server, and a stuck client gets none.
        long expected = window.dividedBy(NUMBER_INTERVAL);
        for (int i = 0; i < streaming.size(); i++) {
            long received = after[i] - before[i];
            assertThat("client " + i + " received " + received + " numbers in " + window + ", expected about "
                               + expected, received, greaterThanOrEqualTo(expected / 2));
        }
    }

    @Test
    void aSlowReaderIsClosedWithinTheSendTimeoutAndItsSocketIsClosed() throws Exception {
        server = servers.start(SMALL_QUEUE_SHORT_TIMEOUT);
        long started = System.nanoTime();
        FrameClient slow = FrameClient.connect(server.port(), FLOOD, SMALL_RECEIVE_BUFFER).dropOnClose();
        servers.track(slow);

        // Never reads: the server must give up on it on its own.
        int sessions = sessionsOnceSettled(server, FLOOD, 0, SEND_TIMEOUT.plus(MARGIN));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat("flood sessions " + took + " after the slow reader connected", sessions, is(0));
        assertThat(took, lessThan(SEND_TIMEOUT.plus(MARGIN)));

        // Catching up now, it finds the connection ended: whatever was written, then end of stream or a reset.
        FrameClient.Ending drained = slow.drain(Duration.ofSeconds(10));
        assertThat("the server closed the socket: " + drained, drained.kind(),
                   anyOf(is(FrameClient.Ending.Kind.EOF), is(FrameClient.Ending.Kind.RESET)));
        if (drained.code() != 0) {
            assertThat("a close frame, if one got through: " + drained, drained.code(), is(1008));
        }
    }

    @Test
    void aSessionOfTheSameProtocolThatReadsKeepsReceivingWhileAnotherIsStuck() throws Exception {
        // A queue of 5 s of flood: the stuck client's socket buffers fill within a fraction of a second and its writer
        // blocks, yet it stays open through the window, so the window measures the reader beside a stuck peer. The
        // reader gets the same room, so a busy machine's pauses do not close it as a slow consumer.
        server = servers.start("  send-queue-limit: 64MiB\n");
        FrameClient reader = FrameClient.connect(server.port(), FLOOD).dropOnClose();
        servers.track(reader);
        AtomicLong received = new AtomicLong();
        Thread readerThread = Thread.ofPlatform().daemon().name("flood-reader").start(() -> {
            try {
                while (true) {
                    if (reader.readFrame(Duration.ofSeconds(30)).opcode() == FrameClient.BINARY) {
                        received.incrementAndGet();
                    }
                }
            } catch (IOException ended) {
                // The test closed the socket, or the server the connection; the count says which.
            }
        });
        FrameClient slow = FrameClient.connect(server.port(), FLOOD, SMALL_RECEIVE_BUFFER).dropOnClose();
        servers.track(slow);
        Thread.sleep(500);

        long before = received.get();
        long started = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        long during = received.get() - before;
        Duration window = Duration.ofNanos(System.nanoTime() - started);

        // One message per 5 ms. A server that waited for the stuck client would deliver nothing once that client's
        // socket buffers are full; a quarter is plenty for one that does not.
        long expected = window.dividedBy(Duration.ofMillis(5));
        assertThat("the stuck client and the reader are both still open",
                   ProtocolList.sessions(server, FLOOD), is(2));
        assertThat("the reader got " + during + " messages in " + window + ", about " + expected + " were sent",
                   during, greaterThanOrEqualTo(expected / 4));
        assertThat("the reader is still connected", readerThread.isAlive(), is(true));
    }

    @Test
    void aClientThatFallsBehindAndThenReadsGetsClose1008() throws Exception {
        server = servers.start(SMALL_QUEUE);
        FrameClient lagging = FrameClient.connect(server.port(), FLOOD, SMALL_RECEIVE_BUFFER).dropOnClose();
        servers.track(lagging);

        // Not reading for a second overflows 256 KiB many times over, well within the 10 s send-timeout.
        Thread.sleep(1000);

        FrameClient.Ending ending = lagging.awaitEnd(Duration.ofSeconds(10));
        assertThat(ending.toString(), ending.kind(), is(FrameClient.Ending.Kind.CLOSE_FRAME));
        assertThat(ending.toString(), ending.code(), is(1008));
        assertThat(sessionsOnceSettled(server, FLOOD, 0, MARGIN), is(0));
    }

    /**
     * Drains each client's messages and returns the last number each received.
     */
    private static long[] lastNumbers(List<TestClient> streaming) throws Exception {
        long[] last = new long[streaming.size()];
        for (int i = 0; i < streaming.size(); i++) {
            TestClient client = streaming.get(i);
            Object message = client.poll(Duration.ofSeconds(1));
            if (message == null) {
                throw new AssertionError("client " + i + " received nothing for 1 s");
            }
            for (Object next = client.poll(Duration.ZERO); next != null; next = client.poll(Duration.ZERO)) {
                message = next;
            }
            last[i] = Long.parseLong((String) message);
        }
        return last;
    }
}
