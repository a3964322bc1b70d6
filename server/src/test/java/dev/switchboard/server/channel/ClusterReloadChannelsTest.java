package dev.switchboard.server.channel;

import dev.switchboard.server.testing.ClusterRedis;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReloadChannelsTest} on a cluster node whose channels run through Redis: the old and the new generation share
 * the node's subscription to a room, and the old one's going leaves it to the new one.
 */
class ClusterReloadChannelsTest extends ReloadChannelsTest {

    @RegisterExtension
    static final ClusterRedis redis = new ClusterRedis("reload-test");

    @Override
    String switchboardYaml() {
        return redis.switchboardYaml();
    }
}
