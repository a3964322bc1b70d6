package dev.switchboard.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A cluster node's start and stop: Redis unreachable at start refuses the start, naming the URI with its password
 * masked; a node without cluster keys is a single node as before; a clean stop leaves no thread of the Redis client.
 */
class ClusterStartStopTest {

    private static final Duration THREADS_GONE = Duration.ofSeconds(10);

    @Test
    void unreachableRedisRefusesTheStartWithTheUriMasked() throws Exception {
        int port = closedPort();
        String uri = "redis://:s3cret-pw@127.0.0.1:" + port + "/2";
        StartupException refused = assertThrows(StartupException.class, () -> TestServer.start(
                TestServer.protocolsDirWithBuiltIns(), "  cluster:\n    redis: \"" + uri + "\"\n"));
        assertThat(refused.getMessage(), containsString("redis://:****@127.0.0.1:" + port + "/2"));
        assertThat(refused.getMessage(), containsString("switchboard.cluster.redis"));
        assertThat(refused.getMessage(), not(containsString("s3cret")));
        assertThat("the cause is named", refused.getMessage().toLowerCase(java.util.Locale.ROOT),
                   containsString("connect"));
        assertThat(awaitNoClientThreads(), is(empty()));
    }

    @Test
    void withoutClusterKeysTheServerIsASingleNode() throws Exception {
        try (TestServer server = TestServer.startWithBuiltIns()) {
            assertThat(ProtocolList.of(server).json(), not(containsString("\"cluster\"")));
            assertThat(ClusterNodes.get(server, "/observe/health/ready"), not(containsString("\"cluster\"")));
        }
    }

    @Test
    void aCleanStopClosesTheRedisClientAndItsThreads() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            TestServer node = ClusterNodes.node(redis, "stopper", "");
            try (TestClient member = Mirror.member(node, "stop")) {
                assertThat(ProtocolList.of(node).json(),
                           containsString("\"cluster\":{\"node\":\"stopper\",\"redis\":\"" + redis.uri()
                                                  + "\",\"connected\":true,\"members\":["));
                assertThat(clientThreads(), not(empty()));
            } finally {
                node.close();
            }
            assertThat(awaitNoClientThreads(), is(empty()));
        }
    }

    // Lettuce's and Netty's threads: lettuce-nioEventLoop-*, lettuce-eventExecutorLoop-*, lettuce-timer-*.
    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("lettuce") || name.contains("nioEventLoop"))
                .toList();
    }

    private static List<String> awaitNoClientThreads() throws InterruptedException {
        long deadline = System.nanoTime() + THREADS_GONE.toNanos();
        List<String> left = clientThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = clientThreads();
        }
        return left;
    }

    // A port nothing listens on: bound once, then released.
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
