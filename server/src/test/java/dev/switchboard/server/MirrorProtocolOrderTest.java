package dev.switchboard.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.FrameClients;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static dev.switchboard.server.Mirror.JOINED;
import static dev.switchboard.server.Mirror.member;
import static dev.switchboard.server.Mirror.upgrade;
import static dev.switchboard.server.testing.NumberedMessages.interleaves;
import static dev.switchboard.server.testing.NumberedMessages.numbered;
import static dev.switchboard.server.testing.NumberedMessages.sentBy;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Concurrent senders in one mirror instance: the server puts their messages in one order, and every member, the
 * senders included, receives exactly that order, with each sender's messages in the order it sent them.
 *
 * <p>Each sender is a raw client that writes all its messages in one socket write, so that the server's three
 * connection threads relay at the same time. A round in which the threads happened to take turns whole proves
 * nothing about concurrency, so rounds are repeated, up to {@value #MAX_ROUNDS}, until one interleaves.
 */
class MirrorProtocolOrderTest {

    private static final String INSTANCE = "order";
    private static final int SENDERS = 3;
    private static final int MESSAGES_PER_SENDER = 500;
    private static final int MAX_ROUNDS = 10;

    @Test
    void concurrentSendersProduceOneOrderThatEveryMemberSees() throws Exception {
        try (FrameClients senders = new FrameClients();
             TestServer server = TestServer.startWithBuiltIns();
             TestClient listener = member(server, INSTANCE)) {
            for (int s = 0; s < SENDERS; s++) {
                senders.add(rawMember(server));
                assertThat(listener.nextText(), is(JOINED));
                for (FrameClient earlier : senders.list().subList(0, s)) {
                    assertThat(earlier.readText(), is(JOINED));
                }
            }

            boolean interleaved = false;
            for (int round = 0; round < MAX_ROUNDS && !interleaved; round++) {
                sendAtOnce(senders, round);
                List<String> order = listener.nextTexts(SENDERS * MESSAGES_PER_SENDER);
                for (int s = 0; s < SENDERS; s++) {
                    assertThat("round " + round + ": sender s" + s + " saw another order", receive(senders.get(s)),
                               is(order));
                }
                for (int s = 0; s < SENDERS; s++) {
                    String prefix = prefix(round, s);
                    assertThat("round " + round + ": sender s" + s + "'s messages in the order it sent them",
                               sentBy(prefix, order), is(sent(round, s)));
                }
                interleaved = interleaves(order, SENDERS);
            }
            assertThat("in " + MAX_ROUNDS + " rounds, the senders' messages never interleaved", interleaved, is(true));
        }
    }

    // A raw client in the instance, known to be a member: it has read its own message back.
    private static FrameClient rawMember(TestServer server) throws Exception {
        FrameClient client = upgrade(server, INSTANCE);
        try {
            assertThat(client.status(), is(101));
            client.sendText(JOINED);
            assertThat(client.readText(), is(JOINED));
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    // Every sender writes its whole round in one socket write, all of them released together.
    private static void sendAtOnce(FrameClients senders, int round) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writes = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                FrameClient sender = senders.get(s);
                OutboundFrame[] frames = sent(round, s).stream().map(OutboundFrame::text).toArray(OutboundFrame[]::new);
                writes.add(pool.submit(() -> {
                    go.await();
                    sender.send(frames);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> write : writes) {
                write.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> sent(int round, int sender) {
        return numbered(prefix(round, sender), 0, MESSAGES_PER_SENDER);
    }

    private static String prefix(int round, int sender) {
        return "r" + round + "s" + sender + "-";
    }

    private static List<String> receive(FrameClient member) throws Exception {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < SENDERS * MESSAGES_PER_SENDER; i++) {
            messages.add(member.readText());
        }
        return messages;
    }
}
