package dev.switchboard.server.limits;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.ServerPerTest;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code max-sessions} and {@code max-sessions-per-ip}, the server's and a protocol's: a handshake over a limit gets
 * 503 (the server or protocol is full) or 429 (this address has its share) with {@code Retry-After} and a body naming
 * the key; concurrent handshakes never pass a limit; and a slot comes back however the session or the handshake
 * ends.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionLimitsTest {

    /** How long a freed slot may take to come back: the server releases it once the session's close is done. */
    private static final Duration SLOT_BACK_WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerPerTest servers = ServerPerTest.withBuiltIns();

    private TestServer server;

    @Test
    void aHandshakeOverTheServerLimitGets503WithRetryAfterAndTheKey() throws Exception {
        server = servers.start("  max-sessions: 2\n");
        open(server.ws(), "echo");
        open(server.ws(), "reverse");

        HttpResponse<?> refused = refusal(server.ws(), "echo");

        assertThat(refused.statusCode(), is(503));
        assertThat(refused.headers().firstValue("Retry-After").orElse("(none)"), is("5"));
        assertThat(String.valueOf(refused.body()), allOf(containsString("switchboard.max-sessions"),
                                                         containsString("2")));
    }

    @Test
    void aSlotComesBackWhenItsSessionCloses() throws Exception {
        server = servers.start("  max-sessions: 2\n");
        TestClient first = open(server.ws(), "echo");
        open(server.ws(), "echo");
        assertThat(refusal(server.ws(), "echo").statusCode(), is(503));

        first.close();

        TestClient next = openWithin(SLOT_BACK_WITHIN, server.ws(), "echo");
        next.send("in again");
        assertThat(next.nextText(), is("in again"));
    }

    @Test
    void aProtocolLimitRefusesThatProtocolOnly() throws Exception {
        server = servers.start("  protocols:\n    reverse:\n      max-sessions: 1\n");
        open(server.ws(), "reverse");

        HttpResponse<?> refused = refusal(server.ws(), "reverse");

        assertThat(refused.statusCode(), is(503));
        assertThat(refused.headers().firstValue("Retry-After").orElse("(none)"), is("5"));
        assertThat(String.valueOf(refused.body()), containsString("switchboard.protocols.reverse.max-sessions"));
        open(server.ws(), "echo");
        open(server.ws(), "echo");
    }

    @Test
    void fiftyConcurrentHandshakesAgainstTenSlotsOpenExactlyTen() throws Exception {
        server = servers.start("  max-sessions: 10\n");
        int handshakes = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FrameClient>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < handshakes; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return FrameClient.upgrade(server.port(), "/", List.of("echo"));
                }));
            }
            go.countDown();
            int upgraded = 0;
            int full = 0;
            for (Future<FrameClient> result : results) {
                FrameClient client = result.get(30, TimeUnit.SECONDS);
                servers.track(client);
                if (client.status() == 101) {
                    upgraded++;
                } else if (client.status() == 503) {
                    full++;
                }
            }
            assertThat(upgraded, is(10));
            assertThat(full, is(40));
        }
    }

    @Test
    void thePerAddressLimitRefusesOneAddressWith429AndNotAnother() throws Exception {
        server = servers.start("  max-sessions-per-ip: 1\n");
        servers.track(expect(101, FrameClient.upgradeFrom(InetAddress.getByName("127.0.0.1"), server.port(), "echo")));

        FrameClient refused = FrameClient.upgradeFrom(InetAddress.getByName("127.0.0.1"), server.port(), "reverse");
        servers.track(refused);

        assertThat(refused.status(), is(429));
        assertThat(refused.header("Retry-After").orElse("(none)"), is("5"));
        assertThat(refused.body(), allOf(containsString("switchboard.max-sessions-per-ip"),
                                         containsString("127.0.0.1")));
        servers.track(expect(101, FrameClient.upgradeFrom(InetAddress.getByName("127.0.0.2"), server.port(), "echo")));
    }

    @Test
    void aProtocolsPerAddressLimitCountsThatProtocolOnly() throws Exception {
        server = servers.start("  protocols:\n    echo:\n      max-sessions-per-ip: 1\n");
        InetAddress one = InetAddress.getByName("127.0.0.1");
        servers.track(expect(101, FrameClient.upgradeFrom(one, server.port(), "echo")));

        FrameClient refused = FrameClient.upgradeFrom(one, server.port(), "echo");
        servers.track(refused);

        assertThat(refused.status(), is(429));
        assertThat(refused.body(), containsString("switchboard.protocols.echo.max-sessions-per-ip"));
        servers.track(expect(101, FrameClient.upgradeFrom(one, server.port(), "reverse")));
        servers.track(expect(101, FrameClient.upgradeFrom(InetAddress.getByName("127.0.0.2"), server.port(), "echo")));
    }

    @Test
    void handshakesTheProtocolRefusesOrFailsToJudgeGiveTheirSlotBack() throws Exception {
        // "picky" refuses ?mode=deny with 403 and throws in accept for ?mode=boom.
        TestPlugins.copyInto(servers.protocolsDir(), "picky");
        server = servers.start("  max-sessions: 1\n");
        URI denied = URI.create(server.ws() + "?mode=deny");
        URI failing = URI.create(server.ws() + "?mode=boom");

        for (int i = 0; i < 5; i++) {
            assertThat(refusal(denied, "picky").statusCode(), is(403));
            assertThat(refusal(failing, "picky").statusCode(), is(500));
        }

        open(server.ws(), "picky");
    }

    @Test
    void clientsThatResetDuringOrRightAfterTheirHandshakeGiveTheirSlotBack() throws Exception {
        server = servers.start("  max-sessions: 1\n");
        for (int i = 0; i < 10; i++) {
            // One resets as soon as its request is out, while the server reads it or writes its 101.
            try (Socket socket = handshakeRequest()) {
                socket.setSoLinger(true, 0);
            }
            // One holds the slot (it got its 101), then ends its session with a reset instead of a close.
            long deadline = System.nanoTime() + SLOT_BACK_WITHIN.toNanos();
            String status;
            do {
                try (Socket socket = handshakeRequest()) {
                    status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    socket.setSoLinger(true, 0);
                }
            } while (!status.equals("HTTP/1.1 101") && System.nanoTime() < deadline);
            assertThat(status, is("HTTP/1.1 101"));
        }

        TestClient after = openWithin(SLOT_BACK_WITHIN, server.ws(), "echo");
        after.send("still counting right");
        assertThat(after.nextText(), is("still counting right"));
    }

    private Socket handshakeRequest() throws Exception {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port());
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        socket.getOutputStream().write(UpgradeRequest.offering(server.port(), "/", "echo"));
        return socket;
    }

    private TestClient open(URI uri, String protocol) throws Exception {
        return servers.track(TestClient.connect(uri, protocol));
    }

    // Retries while the server is full: a slot is given back when the server has finished the session's close.
    private TestClient openWithin(Duration wait, URI uri, String protocol) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return open(uri, protocol);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof WebSocketHandshakeException refused)
                        || refused.getResponse().statusCode() != 503 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static HttpResponse<?> refusal(URI uri, String protocol) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> TestClient.connect(uri, protocol));
        assertThat(failure.getCause(), instanceOf(WebSocketHandshakeException.class));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse();
    }

    private static FrameClient expect(int status, FrameClient client) throws Exception {
        if (client.status() != status) {
            client.close();
            throw new AssertionError("expected " + status + ", got " + client.status() + " " + client.body());
        }
        return client;
    }
}
