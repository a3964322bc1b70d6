package dev.switchboard.server.channel;

import dev.switchboard.server.testing.RedisServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link PublisherBackpressureTest}, on a cluster node whose channels run through Redis: a publisher
 * whose members on this node fall behind is slowed as on one node, and a member far behind is closed alone.
 */
class ClusterPublisherBackpressureTest extends PublisherBackpressureTest {

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
        return "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: backpressure-test\n";
    }
}
