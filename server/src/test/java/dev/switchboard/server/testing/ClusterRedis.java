package dev.switchboard.server.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis behind the cluster variant of a test: started before the class's first test, closed after its last, and
 * named in the {@code cluster} section each of the class's servers is started with.
 */
public final class ClusterRedis implements BeforeAllCallback, AfterAllCallback {

    private final String node;
    private RedisServer redis;

    /**
     * A Redis for one test class's servers.
     *
     * @param node the node name the servers are given
     */
    public ClusterRedis(String node) {
        this.node = node;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * The {@code cluster} section of switchboard.yaml that makes a server a node of this Redis; only inside the
     * class's tests, once Redis has started.
     *
     * @return YAML lines indented by two spaces
     */
    public String switchboardYaml() {
        return "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: " + node + "\n";
    }
}
