package dev.switchboard.server.plugin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.LoopbackServer;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code Protocol.abandoned}: every handshake the protocol accepted ends in exactly one of {@code open} and
 * {@code abandoned}, so that what {@code accept} reserved is always released: clients that leave while the protocol
 * judges them, and handshakes the server refuses because the protocol took too long to judge them.
 */
class AbandonedHandshakeTest {

    // Long enough for a slow accept under load, short enough for a test that waits it out on purpose.
    private static final String BLOCK = "  protocols:\n    reserving:\n      handler-timeout: 2s\n";
    private static final String ERRORS = "switchboard_plugin_errors_total";

    // "reserving" reserves in accept (a ticket, attached) and releases in abandoned and in onClose. ?slow judges for
    // 300 ms, ?hold=P until system property P is set, ?boom makes abandoned throw after it released; ?probe is a
    // session that asks for the counts and is not counted. A fresh server per test: the counts are the server's.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("reserving").yaml(BLOCK).perTest();

    @Test
    void clientsThatLeaveWhileTheProtocolJudgesThemEndInExactlyOneOfOpenAndAbandoned() throws Exception {
        int clients = 20;
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            if (i % 2 == 0) {
                // A reset at close: the 101 then meets a connection the client has torn down.
                socket.setSoLinger(true, 0);
            }
            socket.getOutputStream().write(UpgradeRequest.offering(server.port(), "/?slow", "reserving"));
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        String counts = awaitCounts(server, "reserved=0 accepts=" + clients);
        // Each accepted handshake either opened (and then closed) or was abandoned, never both, never neither.
        int opens = count(counts, "opens");
        int abandons = count(counts, "abandons");
        assertThat(counts, opens + abandons, is(clients));
        // The clients that reset their connection make the 101's write fail: those are abandoned for sure.
        assertThat(counts, abandons, greaterThan(0));
        assertThat(counts, count(counts, "closes"), is(opens));
        assertThat(counts, counts, startsWith("reserved=0 "));
        assertThat(counts, counts.endsWith(" promised=true"), is(true));
    }

    @Test
    void aHandshakeRefusedForItsSlowJudgementIsAbandonedWhenTheProtocolAcceptsAfterAll() throws Exception {
        String release = "switchboard.test.abandoned." + System.nanoTime();
        try (LogCapture log = LogCapture.of(ProtocolRuntime.class.getName())) {
            String refused = FrameClient.refused(server.port(), UpgradeRequest.offering(
                    server.port(), "/?boom&hold=" + release, "reserving")).statusLine();
            assertThat(refused, startsWith("HTTP/1.1 503 "));
            assertThat("the protocol is still judging", counts(server), is("reserved=0 accepts=0 opens=0 abandons=0"
                                                                                + " closes=0 promised=true"));

            System.setProperty(release, "true");
            assertThat(awaitCounts(server, "reserved=0 accepts=1"),
                       is("reserved=0 accepts=1 opens=0 abandons=1 closes=0 promised=true"));
            // It threw after releasing: logged naming the protocol, counted under its own event.
            log.await(Level.WARNING, message -> message.contains("Protocol reserving: abandoned failed")
                    && message.contains("abandoned boom"));
            MetricsScrape.awaitUntil(server, TestClient.TIMEOUT,
                                     scrape -> scrape.count(ERRORS, "protocol", "reserving", "event", "abandoned") == 1);
        } finally {
            System.clearProperty(release);
        }
    }

    // The plugin's counts once they start as expected, asked for until then, boundedly.
    private static String awaitCounts(LoopbackServer server, String prefix) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        String counts = counts(server);
        while (!counts.startsWith(prefix + " ") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            counts = counts(server);
        }
        assertThat(counts, startsWith(prefix + " "));
        return counts;
    }

    private static String counts(LoopbackServer server) throws Exception {
        try (TestClient probe = TestClient.connect(URI.create(server.ws() + "?probe"), "reserving")) {
            probe.send("counts");
            return probe.nextText();
        }
    }

    private static int count(String counts, String name) {
        for (String part : counts.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Integer.parseInt(part.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + counts);
    }
}
