package dev.switchboard.server.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Publisher backpressure on a mirror instance (a channel): a client that publishes as fast as TCP takes its bytes,
 * with members that cannot take the messages as fast, is slowed down (the server stops reading it) instead of its
 * members overflowing and being closed; and a member that falls far behind while the others keep up is closed with
 * 1008 alone. Before channels, the members' queues overflowed and members were closed with 1008 within seconds.
 *
 * <p>Every client is a raw socket read by a thread of its own as fast as it can (the publisher reads its own copies
 * too, as a mirror relays to the sender); each checks that the numbers it receives are consecutive.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PublisherBackpressureTest {

    private static final String PROTOCOL = "lws-mirror-protocol";
    // A small queue, so that members overflow quickly if the publisher is not slowed; 1 s before a member that keeps
    // others waiting (or stops reading) is closed.
    private static final String SMALL_QUEUE = "  send-queue-limit: 256KiB\n  send-timeout: 1s\n";
    /**
     * Members besides the publisher. Few enough that the server's fan-out outpaces what they read (with 100 members
     * read by a thread each, on two CPUs, the fan-out itself was the slowest part and nothing overflowed even before
     * publishers were held); without the hold, 9 of these 12 and the publisher were closed within 2 s, and the rest
     * then got nothing, as the publisher was one of those closed.
     */
    private static final int MEMBERS = 12;
    private static final int FAST_MEMBERS = 10;
    private static final Duration PUBLISHING = Duration.ofSeconds(2);
    private static final String PADDING = "y".repeat(48);

    /**
     * Extra keys of the {@code switchboard} section: none for a single node; {@link ClusterPublisherBackpressureTest}
     * runs the same tests on a cluster node.
     *
     * @return YAML lines indented by two spaces
     */
    String switchboardYaml() {
        return "";
    }

    @Test
    void anOpenLoopPublisherIsSlowedAndNoMemberIsClosed() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(), SMALL_QUEUE + switchboardYaml())) {
            List<Reader> members = new ArrayList<>();
            try {
                for (int i = 0; i < MEMBERS; i++) {
                    members.add(Reader.start(FrameClient.connect(server.port(), PROTOCOL), Duration.ZERO));
                }
                FrameClient publisher = FrameClient.connect(server.port(), PROTOCOL);
                Reader own = Reader.start(publisher, Duration.ZERO);
                members.add(own);
                AtomicLong lastSent = new AtomicLong();
                Thread publishing = publishFlatOut(publisher, PUBLISHING, lastSent);
                publishing.join();
                // Every member gets every message up to the last, however long the server took to relay them.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!members.stream().allMatch(m -> m.last.get() == lastSent.get() || m.ending.get() != null)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                for (int i = 0; i < members.size(); i++) {
                    Reader member = members.get(i);
                    assertThat("member " + i + ": " + member.ending.get(), member.ending.get(), nullValue());
                    assertThat("member " + i + " got the last message", member.last.get(), is(lastSent.get()));
                    assertThat("member " + i + " got consecutive numbers", member.gaps.get(), is(0L));
                }
                assertThat(slowConsumerCloses(server), is(0L));
            } finally {
                members.forEach(Reader::close);
            }
        }
    }

    @Test
    void aMemberThatFallsFarBehindIsClosedWhileTheOthersKeepUp() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(), SMALL_QUEUE + switchboardYaml())) {
            List<Reader> fast = new ArrayList<>();
            Reader slow = null;
            try {
                for (int i = 0; i < FAST_MEMBERS; i++) {
                    fast.add(Reader.start(FrameClient.connect(server.port(), PROTOCOL), Duration.ZERO));
                }
                // Reads, a message every 20 ms through a small window: far slower than the others.
                slow = Reader.start(FrameClient.connectWithSmallReceiveBuffer(server.port(), PROTOCOL), Duration.ofMillis(20));
                FrameClient publisher = FrameClient.connect(server.port(), PROTOCOL);
                fast.add(Reader.start(publisher, Duration.ZERO));
                Thread publishing = publishFlatOut(publisher, Duration.ofSeconds(60), new AtomicLong());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (slowConsumerCloses(server) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat("the slow member was closed as a slow consumer", slowConsumerCloses(server), is(1L));
                long[] before = received(fast);
                long progressDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!progressed(fast, before) && System.nanoTime() < progressDeadline) {
                    Thread.sleep(50);
                }
                long[] after = received(fast);
                for (int i = 0; i < fast.size(); i++) {
                    Reader member = fast.get(i);
                    assertThat("fast member " + i + ": " + member.ending.get(), member.ending.get(), nullValue());
                    assertThat("fast member " + i + " still gets messages", after[i], greaterThan(before[i]));
                    assertThat("fast member " + i + " got consecutive numbers", member.gaps.get(), is(0L));
                }
                publishing.interrupt();
                publishing.join();
                // What the kernel still holds for it takes long at its pace: it reads the rest at once.
                slow.paused.set(false);
                slow.thread.join(Duration.ofSeconds(20));
                String ending = String.valueOf(slow.ending.get());
                assertThat(ending, ending, anyOf(is("close 1008"), is("eof")));
            } finally {
                fast.forEach(Reader::close);
                if (slow != null) {
                    slow.close();
                }
            }
        }
    }

    // Writes numbered text frames as fast as the socket takes them, until the time is up or it is interrupted.
    private static Thread publishFlatOut(FrameClient publisher, Duration duration, AtomicLong lastSent) {
        return Thread.ofPlatform().start(() -> {
            long end = System.nanoTime() + duration.toNanos();
            try {
                for (long n = 1; System.nanoTime() < end && !Thread.currentThread().isInterrupted(); n++) {
                    publisher.sendText(n + ":" + PADDING);
                    lastSent.set(n);
                }
            } catch (IOException e) {
                // The publisher's socket went away: the readers report how.
            }
        });
    }

    private static long[] received(List<Reader> readers) {
        long[] counts = new long[readers.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = readers.get(i).received.get();
        }
        return counts;
    }

    private static boolean progressed(List<Reader> readers, long[] before) {
        long[] now = received(readers);
        for (int i = 0; i < now.length; i++) {
            if (now[i] <= before[i]) {
                return false;
            }
        }
        return true;
    }

    private static long slowConsumerCloses(TestServer server) throws Exception {
        return MetricsScrape.of(server).countOrZero("switchboard_slow_consumer_closes_total", "protocol", PROTOCOL);
    }

    // Reads one client's frames on a thread of its own; notes the first way the connection ended, if it did.
    private record Reader(FrameClient client, Thread thread, AtomicLong received, AtomicLong last, AtomicLong gaps,
                          AtomicReference<String> ending, AtomicBoolean paused) {

        static Reader start(FrameClient client, Duration pause) {
            AtomicLong received = new AtomicLong();
            AtomicLong gaps = new AtomicLong();
            AtomicLong lastNumber = new AtomicLong();
            AtomicReference<String> ending = new AtomicReference<>();
            AtomicBoolean paused = new AtomicBoolean(!pause.isZero());
            Thread thread = Thread.ofVirtual().start(() -> {
                long last = 0;
                try {
                    while (true) {
                        InboundFrame frame = client.readFrame(Duration.ofSeconds(60));
                        if (frame.opcode() == FrameClient.CLOSE) {
                            ending.compareAndSet(null, "close " + frame.closeCode());
                            return;
                        }
                        String text = new String(frame.payload(), StandardCharsets.UTF_8);
                        long number = Long.parseLong(text.substring(0, text.indexOf(':')));
                        if (last != 0 && number != last + 1) {
                            gaps.incrementAndGet();
                        }
                        last = number;
                        lastNumber.set(number);
                        received.incrementAndGet();
                        if (paused.get()) {
                            Thread.sleep(pause);
                        }
                    }
                } catch (IOException e) {
                    ending.compareAndSet(null, e instanceof java.io.EOFException ? "eof" : "error " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return new Reader(client, thread, received, lastNumber, gaps, ending, paused);
        }

        void close() {
            try {
                client.drop();
            } catch (IOException e) {
                // Gone already.
            }
            thread.interrupt();
        }
    }
}
