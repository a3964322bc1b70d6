package dev.switchboard.server.channel;

import dev.switchboard.server.testing.RedisServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ReloadChannelsTest} on a cluster node whose channels run through Redis: the old and the new generation share
 * the node's subscription to a room, and the old one's going leaves it to the new one.
 */
class ClusterReloadChannelsTest extends ReloadChannelsTest {

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
        return "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: reload-test\n";
    }
}
