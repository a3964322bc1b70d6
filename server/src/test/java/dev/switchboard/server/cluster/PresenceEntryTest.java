package dev.switchboard.server.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import dev.switchboard.api.ConnectionInfo;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A connection's entry in a node's presence hash: what another node decodes is what this one encoded, the id
 * qualified by the node's name, for IPv4 and IPv6 clients, with or without a user agent, whatever the agent holds.
 */
class PresenceEntryTest {

    @Test
    void anEntryRoundTripsWithTheIdQualifiedByTheNode() throws Exception {
        Instant opened = Instant.ofEpochMilli(1_795_647_881_123L);
        ConnectionInfo v4 = connection(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 50123), opened,
                                       Optional.of("Mozilla/5.0 (X11; \"quoted\"\tand tabbed)"));
        ConnectionInfo decoded = PresenceEntry.decode("node-b:8080", "s12", PresenceEntry.encode(v4)).orElseThrow();
        assertThat(decoded.id(), is("node-b:8080/s12"));
        assertThat(decoded.node(), is("node-b:8080"));
        assertThat(decoded.subprotocol(), is("echo"));
        assertThat(decoded.remoteAddress(), is(v4.remoteAddress()));
        assertThat(decoded.openedAt(), is(opened));
        assertThat(decoded.userAgent(), is(v4.userAgent()));

        ConnectionInfo v6 = connection(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443), opened,
                                       Optional.empty());
        ConnectionInfo decodedV6 = PresenceEntry.decode("n", "s1", PresenceEntry.encode(v6)).orElseThrow();
        assertThat(decodedV6.remoteAddress(), is(v6.remoteAddress()));
        assertThat(decodedV6.userAgent(), is(Optional.empty()));

        ConnectionInfo emptyAgent = connection(v4.remoteAddress(), opened, Optional.of(""));
        assertThat(PresenceEntry.decode("n", "s2", PresenceEntry.encode(emptyAgent)).orElseThrow().userAgent(),
                   is(Optional.of("")));
    }

    @Test
    void aValueThatIsNotAnEntryIsSkipped() {
        assertThat(PresenceEntry.decode("n", "s1", "garbage".getBytes(StandardCharsets.UTF_8)), is(Optional.empty()));
        assertThat(PresenceEntry.decode("n", "s1", "echo\n1.2.3.4\nport\n0\n-".getBytes(StandardCharsets.UTF_8)),
                   is(Optional.empty()));
    }

    private static ConnectionInfo connection(InetSocketAddress address, Instant opened, Optional<String> agent) {
        return new Connection("s12", "echo", address, opened, agent, "node-a");
    }

    private record Connection(String id,
                              String subprotocol,
                              InetSocketAddress remoteAddress,
                              Instant openedAt,
                              Optional<String> userAgent,
                              String node) implements ConnectionInfo {
    }
}
