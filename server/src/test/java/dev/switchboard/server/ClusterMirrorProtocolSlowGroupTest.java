package dev.switchboard.server;

import dev.switchboard.server.testing.ClusterRedis;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MirrorProtocolSlowGroupTest} on a cluster node whose channels run through Redis: members on this node that
 * lag, at most half of its members, are counted and closed as on a single node.
 */
class ClusterMirrorProtocolSlowGroupTest extends MirrorProtocolSlowGroupTest {

    @RegisterExtension
    static final ClusterRedis redis = new ClusterRedis("slow-group-test");

    @Override
    String switchboardYaml() {
        return redis.switchboardYaml();
    }
}
