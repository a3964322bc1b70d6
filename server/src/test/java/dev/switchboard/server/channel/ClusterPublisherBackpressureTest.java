package dev.switchboard.server.channel;

import dev.switchboard.server.testing.ClusterRedis;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of {@link PublisherBackpressureTest}, on a cluster node whose channels run through Redis: a publisher
 * whose members on this node fall behind is slowed as on one node, and a member far behind is closed alone.
 */
class ClusterPublisherBackpressureTest extends PublisherBackpressureTest {

    @RegisterExtension
    static final ClusterRedis redis = new ClusterRedis("backpressure-test");

    @Override
    String switchboardYaml() {
        return redis.switchboardYaml();
    }
}
