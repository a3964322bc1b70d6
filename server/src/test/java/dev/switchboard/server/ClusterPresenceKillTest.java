package dev.switchboard.server;

import java.time.Duration;

import dev.switchboard.server.StatusClient.Document;
import dev.switchboard.server.lifecycle.ServerProcess;
import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A node killed with SIGKILL, which removes nothing from Redis, leaves the other node's {@code lws-status} list once
 * its heartbeat expires: within 15 s of its death by design (a 10 s time to live checked every 2 s), asserted within
 * 20 s for a busy machine. Two Switchboard processes on a real redis-server.
 */
class ClusterPresenceKillTest {

    private static final Duration DESIGNED = Duration.ofSeconds(15);
    private static final Duration ASSERTED = Duration.ofSeconds(20);

    @Test
    void aKilledNodeLeavesTheOtherNodesListWhenItsHeartbeatExpires() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ServerProcess survivor = ServerProcess.start(TestServer.builtInProtocols(), cluster(redis, "survivor"));
             ServerProcess victim = ServerProcess.start(TestServer.builtInProtocols(), cluster(redis, "victim"));
             StatusClient watching = StatusClient.connect(survivor.port(), "presence/watching");
             StatusClient doomed = StatusClient.connect(victim.port(), "presence/doomed")) {
            Document both = watching.awaitDocument("the victim's connection", d -> d.lists("presence/doomed"));
            assertThat(ClusterPresenceTest.node(both, "presence/doomed"), is("victim"));

            victim.kill();
            long killedAt = System.nanoTime();
            assertThat("the victim died", victim.awaitExit(Duration.ofSeconds(10)), is(true));
            Document without = ClusterPresenceTest.awaitWithin(watching, ASSERTED,
                                                                d -> !d.nodes().contains("victim"));
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.println("ClusterPresenceKillTest: the SIGKILLed node left the survivor's list after "
                                       + took.toMillis() + " ms (designed: within " + DESIGNED.toSeconds() + " s)");
            assertThat(without.wsi(), is("1"));
            assertThat(took, lessThan(ASSERTED));
        }
    }

    private static String cluster(RedisServer redis, String node) {
        return "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: \"" + node + "\"\n";
    }
}
