package dev.switchboard.server.channel;

import dev.switchboard.server.testing.ClusterRedis;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of {@link ChannelsTest}, on a cluster node whose channels run through Redis: the rules a protocol relies
 * on are the same on one node and in a cluster (members, names and counts being this node's).
 */
class ClusterChannelsTest extends ChannelsTest {

    @RegisterExtension
    static final ClusterRedis redis = new ClusterRedis("channels-test");

    @Override
    String switchboardYaml() {
        return redis.switchboardYaml();
    }
}
