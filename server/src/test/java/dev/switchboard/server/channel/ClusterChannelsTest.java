package dev.switchboard.server.channel;

import dev.switchboard.server.testing.RedisServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link ChannelsTest}, on a cluster node whose channels run through Redis: the rules a protocol relies
 * on are the same on one node and in a cluster (members, names and counts being this node's).
 */
class ClusterChannelsTest extends ChannelsTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    String switchboardYaml() {
        return "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: channels-test\n";
    }
}
