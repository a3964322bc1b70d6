package dev.switchboard.server;

import dev.switchboard.server.testing.ClusterRedis;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MirrorProtocolSlowGroupTest} on a cluster node whose channels run through Redis: the members on this node
 * that lag while most keep up are counted as on one node, and closed.
 */
class ClusterMirrorProtocolSlowGroupTest extends MirrorProtocolSlowGroupTest {

    @RegisterExtension
    static final ClusterRedis redis = new ClusterRedis("slow-group-test");

    @Override
    String switchboardYaml() {
        return redis.switchboardYaml();
    }
}
