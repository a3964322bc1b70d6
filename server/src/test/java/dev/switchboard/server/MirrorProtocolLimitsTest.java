package dev.switchboard.server;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.FrameClients;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.switchboard.server.Mirror.PROTOCOL;
import static dev.switchboard.server.Mirror.join;
import static dev.switchboard.server.Mirror.member;
import static dev.switchboard.server.Mirror.serverWith;
import static dev.switchboard.server.Mirror.upgrade;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code lws-mirror-protocol}'s limits: how many instances may exist, how long a name may be, and which option
 * values refuse the start.
 */
class MirrorProtocolLimitsTest {

    private static final String MAX_INSTANCES_KEY = "switchboard.protocols." + PROTOCOL + ".max-instances";
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @Test
    void aHandshakeForAnInstanceBeyondTheCapGets503WithReasonAndRetryAfterWhileExistingOnesStillTakeMembers()
            throws Exception {
        try (TestServer server = serverWith("      max-instances: 2\n");
             TestClient a = member(server, "a");
             TestClient b = member(server, "b")) {
            try (FrameClient refused = upgrade(server, "c")) {
                assertThat(refused.status(), is(503));
                assertThat(refused.header("Retry-After").orElse("(none)"), is("5"));
                assertThat(refused.body(), allOf(containsString(PROTOCOL), containsString("2"),
                                                 containsString(MAX_INSTANCES_KEY)));
            }
            // What a standard client sees of the same refusal.
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> TestClient.connect(URI.create(server.ws() + "?mirror=c"), PROTOCOL));
            assertThat(failed.getCause(), instanceOf(WebSocketHandshakeException.class));
            var response = ((WebSocketHandshakeException) failed.getCause()).getResponse();
            assertThat(response.statusCode(), is(503));
            assertThat(response.headers().firstValue("Retry-After").orElse("(none)"), is("5"));

            try (TestClient secondOfA = member(server, "a")) {
                assertThat(a.nextText(), is("joined"));
                a.send("still open to members");
                assertThat(secondOfA.nextText(), is("still open to members"));
            }
        }
    }

    @Test
    void anInstanceWhoseLastMemberLeftMakesRoomForANewOne() throws Exception {
        try (TestServer server = serverWith("      max-instances: 1\n");
             TestClient first = member(server, "first")) {
            try (FrameClient refused = upgrade(server, "second")) {
                assertThat(refused.status(), is(503));
            }
            first.close();
            // The instance goes when the server has handled the close, shortly after the client saw it.
            try (TestClient second = joinWithin(server, "second", SETTLE)) {
                assertThat(second.ask("new instance"), is("new instance"));
            }
        }
    }

    @Test
    void aNameOfMoreThan64CharsIsRefusedWith400() throws Exception {
        try (TestServer server = TestServer.startWithBuiltIns();
             FrameClient refused = upgrade(server, "n".repeat(65))) {
            assertThat(refused.status(), is(400));
            assertThat(refused.body(), allOf(containsString(PROTOCOL), containsString("65"), containsString("64")));
        }
    }

    /**
     * Handshakes for new instances that all pass {@code accept} before any of them opens would break the cap; the
     * cap is checked again when they open. Whether the race happens is up to the scheduler: the test checks that
     * whatever happened, exactly one instance exists and every other client was told why, by a 503 or a 1013.
     */
    @Test
    void concurrentHandshakesForNewInstancesNeverExceedTheCapAndEachLoserIsToldSo() throws Exception {
        int clients = 16;
        try (TestServer server = serverWith("      max-instances: 1\n");
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<FrameClient>> handshakes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String name = "race-" + i;
                handshakes.add(pool.submit(() -> {
                    go.await();
                    return upgrade(server, name);
                }));
            }
            go.countDown();
            int members = 0;
            int refused = 0;
            int closedAtOpen = 0;
            try (FrameClients opened = new FrameClients()) {
                for (Future<FrameClient> handshake : handshakes) {
                    FrameClient client = opened.add(handshake.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                    if (client.status() == 503) {
                        assertThat(client.header("Retry-After").orElse("(none)"), is("5"));
                        refused++;
                        continue;
                    }
                    assertThat(client.status(), is(101));
                    // A member gets its own message back; a session over the cap gets the server's close first.
                    client.sendText("hello");
                    InboundFrame answer = client.readFrame();
                    if (answer.opcode() == FrameClient.TEXT) {
                        assertThat(answer.text(), is("hello"));
                        members++;
                    } else {
                        assertThat(answer.toString(), answer.opcode(), is(FrameClient.CLOSE));
                        assertThat(answer.toString(), answer.closeCode(), is(1013));
                        closedAtOpen++;
                    }
                }
            }
            String outcome = members + " members, " + refused + " refused with 503, " + closedAtOpen
                    + " closed with 1013";
            assertThat(outcome, members, is(1));
            assertThat(outcome, refused + closedAtOpen, is(clients - 1));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "max-instances, 0",
            "max-instances, -3",
            "max-instances, many",
            "backlog, -1",
            "backlog, 1.5",
            "backlog-bytes, -1",
            "backlog-bytes, 1MiB",
    })
    void aBadOptionValueRefusesTheStartNamingTheKeyAndTheValue(String option, String value) {
        String yaml = TestServer.yaml(TestServer.builtInProtocols(),
                                      "  protocols:\n    " + PROTOCOL + ":\n      " + option + ": " + value + "\n");
        StartupException refused = assertThrows(StartupException.class,
                                                () -> Switchboard.start(TestServer.config(yaml), Main.home()).stop());
        assertThat(refused.getMessage(), allOf(containsString("switchboard.protocols." + PROTOCOL + "." + option),
                                               containsString(value)));
    }

    // Retries while the server still counts the instance a member just left; any other failure fails at once.
    private static TestClient joinWithin(TestServer server, String name, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return join(server, name);
            } catch (ExecutionException e) {
                boolean full = e.getCause() instanceof WebSocketHandshakeException refusal
                        && refusal.getResponse().statusCode() == 503;
                if (!full || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
