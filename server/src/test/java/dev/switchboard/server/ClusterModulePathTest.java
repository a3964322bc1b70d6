package dev.switchboard.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.server.lifecycle.ServerProcess;
import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A cluster node started as {@code ./switchboard} starts it, on the module path with the launcher's JVM options
 * (Lettuce, Netty and Reactor as modules, {@code sun.misc.Unsafe} denied), works with a node on the class path; and
 * one whose Redis is unreachable exits with code 2 and one line naming the URI, its password masked, and no stack
 * trace.
 */
class ClusterModulePathTest {

    @TempDir
    Path tempDir;

    @Test
    void aModulePathNodeAndAClassPathNodeShareAMirrorInstance() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer classPathNode = ClusterNodes.node(redis, "class-path", "")) {
            ServerProcess process = ServerProcess.startOnModulePath(
                    tempDir, TestServer.protocolsDirWithBuiltIns(tempDir),
                    cluster("redis: \"" + redis.uri() + "\"\n    node: module-path"));
            try (TestClient onModulePath = Mirror.confirmed(TestClient.connect(
                    URI.create(process.ws() + "?mirror=mp"), Mirror.PROTOCOL));
                 TestClient onClassPath = Mirror.member(classPathNode, "mp")) {
                assertThat(onModulePath.nextText(), is(Mirror.JOINED));
                assertThat(onModulePath.ask("from the module path"), is("from the module path"));
                assertThat(onClassPath.nextText(), is("from the module path"));
            } finally {
                process.terminate();
                process.awaitExit(Duration.ofSeconds(10));
                process.close();
            }
            assertThat(process.output(), not(containsString("Exception")));
        }
    }

    @Test
    void unreachableRedisEndsTheStartWithOneLineAndExitCodeTwo() throws Exception {
        try (ServerProcess process = ServerProcess.launchOnModulePath(
                tempDir, TestServer.protocolsDirWithBuiltIns(tempDir),
                cluster("redis: \"redis://:hidden-pw@127.0.0.1:1/0\""))) {
            assertThat(process.awaitExit(Duration.ofSeconds(30)), is(true));
            String text = process.output();
            assertThat(text, process.exitValue(), is(2));
            assertThat(text, containsString("switchboard: Cannot reach Redis at redis://:****@127.0.0.1:1/0 "
                                                    + "(switchboard.cluster.redis): "));
            assertThat(text, not(containsString("hidden-pw")));
            assertThat(text, not(containsString("\tat ")));
        }
    }

    private static String cluster(String clusterKeys) {
        return "  cluster:\n    " + clusterKeys + "\n";
    }
}
