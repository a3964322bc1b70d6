package dev.switchboard.server.limits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The session slot of a handshake that ends between its reservation and its session, on a real socket: the client
 * resets the connection while the protocol's {@code accept} still judges it, so the 101 cannot be written. With
 * {@code max-sessions: 1} the next handshake gets in only if that slot came back.
 *
 * <p>Protocol {@code hold} (a test plugin) holds a handshake whose query has {@code hold} in {@code accept} until the
 * test creates the file {@code release} in the directory its {@code gate-dir} option names; it marks each step with a
 * file there, which is how the test knows where the handshake is.
 *
 * <p>Not here: a handshake whose hook returns while the server stops. Helidon then closes the upgraded connection
 * without running it, and {@code SlotHoldingConnection} gives the slot back at that close; but the slot counts end with
 * the server, so no client can see whether it did.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlotReleaseTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private Path gate;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        gate = Files.createDirectories(tempDir.resolve("gate"));
        Path protocols = TestServer.protocolsDirWithBuiltIns(tempDir);
        // "hold" keeps a handshake with ?hold in accept until the file "release" appears in its gate-dir, and marks
        // "entered", "accepted" and "opened" there.
        TestPlugins.copyInto(protocols, "hold");
        server = TestServer.start(protocols, "  max-sessions: 1\n  protocols:\n    hold:\n      gate-dir: \""
                + gate.toAbsolutePath() + "\"\n");
    }

    @AfterEach
    void stop() throws IOException {
        // A hook still waiting must not outlive the test by its own bound.
        Files.writeString(gate.resolve("release"), "");
        server.close();
    }

    @Test
    void aClientThatResetsWhileTheProtocolJudgesItsHandshakeGivesTheSlotBack() throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            socket.setSoTimeout((int) WITHIN.toMillis());
            socket.getOutputStream().write(UpgradeRequest.offering(server.port(), "/?hold", "hold"));
            awaitFile("entered");
            // The waiting handshake holds the one slot.
            assertThat(FrameClient.upgrade(server.port(), "/", List.of("echo")).statusThenDrop(), is(503));
            socket.setSoLinger(true, 0);
        }
        // The reset is in: the hook accepts, and the 101 goes to a connection that is gone.
        Files.writeString(gate.resolve("release"), "");
        awaitFile("accepted");

        assertThat(ProtocolList.sessions(server, "hold"), is(0));
        try (FrameClient next = openWithin(WITHIN, "echo")) {
            next.sendText("the slot came back");
            assertThat(next.readText(), is("the slot came back"));
        }
        assertThat("hold opened a session for the reset client", Files.exists(gate.resolve("opened")), is(false));
    }

    private void awaitFile(String name) throws InterruptedException {
        Path file = gate.resolve(name);
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + file + " within " + WITHIN);
            }
            Thread.sleep(10);
        }
    }

    // Retries while the server is full: the failed handshake gives its slot back once its upgrade has ended.
    private FrameClient openWithin(Duration wait, String protocol) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            FrameClient client = FrameClient.upgrade(server.port(), "/", List.of(protocol));
            if (client.status() == 101) {
                return client;
            }
            int status = client.statusThenDrop();
            if (status != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("expected 101 within " + wait + ", got " + status);
            }
            Thread.sleep(20);
        }
    }
}
