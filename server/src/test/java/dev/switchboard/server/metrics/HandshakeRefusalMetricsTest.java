package dev.switchboard.server.metrics;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Every refused handshake counts once in {@code switchboard_handshakes_refused_total}, under its reason and status,
 * with the protocol the negotiation chose, or {@code none} when it was refused before a protocol was chosen.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandshakeRefusalMetricsTest {

    private static final String REFUSED = "switchboard_handshakes_refused_total";
    // reverse takes one session at a time, dumb-increment-protocol one per client address.
    private static final String LIMITS = """
              protocols:
                reverse:
                  max-sessions: 1
                dumb-increment-protocol:
                  max-sessions-per-ip: 1
            """;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("gate").yaml(LIMITS);

    @Test
    void refusalsBeforeAnyProtocolIsChosenCountByReasonUnderNone() throws Exception {
        MetricsScrape before = MetricsScrape.of(server);

        assertThat(FrameClient.upgrade(server.port(), "/", List.of("no-such-protocol")).statusThenDrop(), is(400));
        assertThat(FrameClient.upgrade(server.port(), "/", List.of("still-none", "nope")).statusThenDrop(), is(400));
        String request = UpgradeRequest.request(server.port(), "/", UpgradeRequest.newKey(), List.of("echo"));
        assertThat(raw(request.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8")).statusThenDrop(),
                   is(426));
        assertThat(raw(UpgradeRequest.request(server.port(), "/", "c2hvcnQ=", List.of("echo"))).statusThenDrop(),
                   is(400));
        assertThat(raw(request.replace("GET / ", "POST / ").replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n"))
                           .statusThenDrop(),
                   is(405));

        MetricsScrape after = MetricsScrape.of(server);
        String series = after.series(REFUSED);
        assertThat(series, delta(before, after, "none", "no_subprotocol", "400"), is(2L));
        assertThat(series, delta(before, after, "none", "bad_version", "426"), is(1L));
        assertThat(series, delta(before, after, "none", "bad_key", "400"), is(1L));
        assertThat(series, delta(before, after, "none", "method", "405"), is(1L));
        assertThat(series, totalDelta(before, after), is(5L));
    }

    @Test
    void anOriginRefusalCountsUnderTheNegotiatedProtocol() throws Exception {
        MetricsScrape before = MetricsScrape.of(server);

        String request = UpgradeRequest.request(server.port(), "/", UpgradeRequest.newKey(), List.of("echo"));
        assertThat(raw(request.replace("\r\n\r\n", "\r\nOrigin: https://elsewhere.example\r\n\r\n")).statusThenDrop(),
                   is(403));

        assertOneRefusal(before, "echo", "origin", "403");
    }

    @Test
    void anUpgradeHeaderRefusalCountsUnderTheNegotiatedProtocol() throws Exception {
        MetricsScrape before = MetricsScrape.of(server);

        String request = UpgradeRequest.request(server.port(), "/", UpgradeRequest.newKey(), List.of("echo"));
        assertThat(raw(request.replace("Upgrade: websocket", "Upgrade: websocket, h2c")).statusThenDrop(), is(400));

        assertOneRefusal(before, "echo", "upgrade_header", "400");
    }

    @Test
    void aFullProtocolCountsASessionLimitRefusalUnderItsName() throws Exception {
        try (FrameClient holder = FrameClient.connect(server.port(), "reverse")) {
            MetricsScrape before = MetricsScrape.of(server);

            assertThat(FrameClient.upgrade(server.port(), "/", List.of("reverse")).statusThenDrop(), is(503));

            assertOneRefusal(before, "reverse", "session_limit", "503");
        }
    }

    @Test
    void anAddressAtItsShareCountsAnAddressLimitRefusalUnderTheProtocol() throws Exception {
        InetAddress first = InetAddress.getByName("127.0.0.1");
        try (FrameClient holder = FrameClient.upgradeFrom(first, server.port(), "dumb-increment-protocol")
                .expect101()) {
            MetricsScrape before = MetricsScrape.of(server);

            assertThat(FrameClient.upgradeFrom(first, server.port(), "dumb-increment-protocol").statusThenDrop(),
                       is(429));
            // Another address still gets in: the refusal was the address's share, not the server's.
            try (FrameClient other = FrameClient.upgradeFrom(InetAddress.getByName("127.0.0.2"), server.port(),
                                                             "dumb-increment-protocol").expect101()) {
                assertOneRefusal(before, "dumb-increment-protocol", "address_limit", "429");
            }
        }
    }

    @Test
    void aProtocolsOwnRefusalCountsUnderItsNameAndStatus() throws Exception {
        MetricsScrape before = MetricsScrape.of(server);

        assertThat(FrameClient.upgrade(server.port(), "/?deny", List.of("gate")).statusThenDrop(), is(403));
        assertThat(FrameClient.upgrade(server.port(), "/?deny=yes", List.of("gate")).statusThenDrop(), is(403));
        // A protocol whose accept throws refuses with 500, and that is a plugin error too.
        assertThat(FrameClient.upgrade(server.port(), "/?fail", List.of("gate")).statusThenDrop(), is(500));
        try (FrameClient accepted = FrameClient.connect(server.port(), "gate")) {
            accepted.sendText("in");
            assertThat(accepted.readText(), is("in"));
        }

        MetricsScrape after = MetricsScrape.of(server);
        String series = after.series(REFUSED);
        assertThat(series, delta(before, after, "gate", "protocol_refused", "403"), is(2L));
        assertThat(series, delta(before, after, "gate", "protocol_refused", "500"), is(1L));
        assertThat(series, totalDelta(before, after), is(3L));
        assertThat(after.count("switchboard_plugin_errors_total", "protocol", "gate", "event", "accept")
                           - before.count("switchboard_plugin_errors_total", "protocol", "gate", "event", "accept"),
                   is(1L));
    }

    // The refusals since before: exactly one, under this protocol, reason and status.
    private static void assertOneRefusal(MetricsScrape before, String protocol, String reason, String status)
            throws Exception {
        MetricsScrape after = MetricsScrape.of(server);
        String series = after.series(REFUSED);
        assertThat(series, delta(before, after, protocol, reason, status), is(1L));
        assertThat(series, totalDelta(before, after), is(1L));
    }

    private static long delta(MetricsScrape before, MetricsScrape after, String protocol, String reason,
                              String status) {
        String[] tags = {"protocol", protocol, "reason", reason, "status", status};
        return after.countOrZero(REFUSED, tags) - before.countOrZero(REFUSED, tags);
    }

    // How much every refusal series together moved: a refusal counted twice, or under another tag, shows here.
    private static long totalDelta(MetricsScrape before, MetricsScrape after) {
        return after.sum(REFUSED) - before.sum(REFUSED);
    }

    private static FrameClient raw(String request) throws Exception {
        return FrameClient.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), null);
    }
}
