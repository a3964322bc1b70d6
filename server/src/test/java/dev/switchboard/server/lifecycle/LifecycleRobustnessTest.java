package dev.switchboard.server.lifecycle;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
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
import static org.hamcrest.Matchers.is;

/**
 * Connection-layer robustness as a client sees it: a ping flood is bounded, slow but steady transfers are not cut,
 * an undeclared checked exception from a handler closes with 1011, and onClose never runs with a stray interrupt.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleRobustnessTest {

    private static final String ECHO = "echo";
    private static final String ROBUST = "robust";
    private static final Duration MARGIN = Duration.ofSeconds(6);
    private static final Duration READ = Duration.ofSeconds(10);

    // Answers "id" and "closes" (one "<id> <code> <interrupted>" line per onClose); "sneaky" throws an
    // IOException the signature does not declare.
    @RegisterExtension
    final ServerPerTest servers = ServerPerTest.withBuiltInsAnd("robust");

    private TestServer server;
    // Asks the robust plugin for its onClose records.
    private TestClient observer;

    @Test
    void aClientThatFloodsPingsAndNeverReadsIsClosedWhileAnotherEchoClientWorks() throws Exception {
        server = servers.start("  send-queue-limit: 64KiB\n");
        TestClient good = servers.track(TestClient.connect(server.ws(), ECHO));
        FrameClient flooder = servers.track(FrameClient.connect(server.port(), ECHO, 4096).dropOnClose());
        assertThat(sessionsOnceSettled(server, ECHO, 2, MARGIN), is(2));

        byte[] batch = OutboundFrame.concat(Stream.generate(() -> OutboundFrame.frame(FrameClient.PING, new byte[125]))
                                                    .limit(100).toArray(OutboundFrame[]::new));
        Thread.ofPlatform().daemon().name("ping-flood").start(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            try {
                while (System.nanoTime() < until) {
                    flooder.write(batch);
                }
            } catch (IOException closedByServer) {
                // Expected once the server gives up on the flooder.
            }
        });
        good.send("during the flood");
        assertThat(good.nextText(), is("during the flood"));

        // The flooder's pongs pile up unread: its session must go, the good one stay. The close frame cannot pass the
        // flooder's full socket buffers either, so the session may end only at the send timeout (10 s).
        assertThat("echo sessions while the flooder never reads",
                   sessionsOnceSettled(server, ECHO, 1, Duration.ofSeconds(10).plus(MARGIN)), is(1));
        good.send("after the flood");
        assertThat(good.nextText(), is("after the flood"));

        FrameClient.Ending drained = flooder.drain(READ);
        assertThat("the server closed the flooder's socket: " + drained, drained.kind(),
                   anyOf(is(FrameClient.Ending.Kind.EOF), is(FrameClient.Ending.Kind.RESET)));
        if (drained.code() != 0) {
            assertThat("a close frame, if one got through: " + drained, drained.code(), is(1008));
        }
        assertThat(ProtocolList.sessions(server, ECHO), is(1));
    }

    @Test
    void aClientReadingALargeEchoSlowlyButSteadilyIsNotCutBySendTimeout() throws Exception {
        server = servers.start("  max-message-size: 16MiB\n  send-timeout: 1s\n");
        byte[] data = randomBytes(8 * 1024 * 1024);
        // FrameClient reads a frame's payload all at once, so this test reads its stream itself, 256 KiB at a time.
        try (FrameClient client = FrameClient.connect(server.port(), ECHO, 32 * 1024).dropOnClose()) {
            client.timeout(READ);
            DataInputStream in = new DataInputStream(client.input());
            client.send(OutboundFrame.frame(FrameClient.BINARY, data));
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            assertThat("a final binary frame, first byte " + first, first, is(0x80 | FrameClient.BINARY));
            assertThat("a 64-bit length, second byte " + second, second, is(127));
            assertThat(in.readLong(), is((long) data.length));

            byte[] echo = new byte[data.length];
            long started = System.nanoTime();
            for (int read = 0; read < echo.length; ) {
                int n = in.readNBytes(echo, read, Math.min(256 * 1024, echo.length - read));
                if (n < Math.min(256 * 1024, echo.length - read)) {
                    throw new AssertionError("connection ended after " + (read + n) + " of " + echo.length
                                                     + " echo bytes, " + since(started) + " into the read");
                }
                read += n;
                Thread.sleep(80);
            }
            assertThat("slow enough to outlast the 1 s send-timeout: " + since(started),
                       since(started).compareTo(Duration.ofSeconds(2)) > 0, is(true));
            assertThat("the echo differs at byte " + Arrays.mismatch(data, echo), Arrays.equals(data, echo), is(true));

            client.send(OutboundFrame.text("still open"));
            assertThat(in.readUnsignedByte(), is(0x80 | FrameClient.TEXT));
            assertThat(in.readUnsignedByte(), is(10));
            assertThat(new String(in.readNBytes(10), StandardCharsets.UTF_8), is("still open"));
            assertThat(ProtocolList.sessions(server, ECHO), is(1));
        }
    }

    @Test
    void aClientUploadingOneLargeFrameSlowlyIsNotDroppedByKeepalive() throws Exception {
        server = servers.start("  keepalive-interval: 300ms\n  keepalive-timeout: 300ms\n  max-message-size: 8MiB\n");
        FrameClient client = servers.track(FrameClient.connect(server.port(), ECHO).dropOnClose());
        byte[] data = randomBytes(2 * 1024 * 1024);

        // 32 pieces of 64 KiB, 65 ms apart: about 2 s for one frame, several keepalive rounds.
        client.writeInPieces(OutboundFrame.frame(FrameClient.BINARY, data).bytes(), 64 * 1024 + 14,
                             Duration.ofMillis(65));

        long deadline = System.nanoTime() + READ.toNanos();
        while (true) {
            InboundFrame frame = client.readFrame(Duration.ofNanos(Math.max(1_000_000,
                                                                                 deadline - System.nanoTime())));
            if (frame.opcode() == FrameClient.PING) {
                client.send(OutboundFrame.frame(FrameClient.PONG, frame.payload()));
                continue;
            }
            assertThat("expected the echo, got " + frame, frame.opcode(), is(FrameClient.BINARY));
            assertThat(frame.fin(), is(true));
            assertThat("the echo differs at byte " + Arrays.mismatch(data, frame.payload()),
                       Arrays.equals(data, frame.payload()), is(true));
            break;
        }
        assertThat(ProtocolList.sessions(server, ECHO), is(1));
    }

    @Test
    void anUndeclaredCheckedExceptionFromAHandlerClosesWith1011() throws Exception {
        startWithObserver("");
        FrameClient victim = servers.track(FrameClient.connect(server.port(), ROBUST).dropOnClose());
        String id = idOf(victim);

        victim.sendText("sneaky");

        InboundFrame frame = victim.readFrame(READ);
        assertThat("a well-formed close frame, not an HTTP response: " + frame,
                   frame.fin() && frame.rsv() == 0 && frame.opcode() == FrameClient.CLOSE, is(true));
        assertThat(frame.toString(), frame.closeCode(), is(1011));
        victim.send(OutboundFrame.close(1011, ""));
        victim.expectEof(READ);

        assertThat(awaitCloseRecord(id, MARGIN).split(" ")[1], is("1011"));
        assertThat(sessionsOnceSettled(server, ROBUST, 1, MARGIN), is(1));
    }

    @Test
    void onCloseAfterAKeepaliveTimeoutRunsWithoutTheInterruptFlag() throws Exception {
        startWithObserver("  keepalive-interval: 200ms\n  keepalive-timeout: 200ms\n  close-timeout: 300ms\n");
        // The observer is a JDK client, which answers pings by itself.
        FrameClient victim = servers.track(FrameClient.connect(server.port(), ROBUST).dropOnClose());
        String id = idOf(victim);

        // The victim reads and answers nothing from here on.
        String record = awaitCloseRecord(id, Duration.ofMillis(200 + 200 + 300).plus(MARGIN));

        assertThat("onClose record '" + record + "' (id code interrupted)", record.split(" ")[2], is("false"));
        assertThat(sessionsOnceSettled(server, ROBUST, 1, MARGIN), is(1));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void startWithObserver(String switchboardYaml) throws Exception {
        server = servers.start(switchboardYaml);
        observer = servers.track(TestClient.connect(server.ws(), ROBUST));
    }

    private static String idOf(FrameClient client) throws IOException {
        client.sendText("id");
        String answer = client.nextText(READ);
        assertThat(answer, answer.startsWith("id "), is(true));
        return answer.substring(3);
    }

    /** Polls the plugin's onClose records until one is for {@code id}; fails if none comes within {@code wait}. */
    private String awaitCloseRecord(String id, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String closes;
        do {
            observer.send("closes");
            closes = observer.nextText();
            for (String line : closes.split("\n")) {
                if (line.startsWith(id + " ")) {
                    return line;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no onClose for " + id + " within " + wait + ": " + closes);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
