package dev.switchboard.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.ServerCommand;
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

    private static final Pattern SERVES = Pattern.compile("serves http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tempDir;

    @Test
    void aModulePathNodeAndAClassPathNodeShareAMirrorInstance() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestServer classPathNode = ClusterNodes.node(redis, "class-path", "")) {
            Path config = config("redis: \"" + redis.uri() + "\"\n    node: module-path");
            Process process = ServerCommand.startOnModulePath("--config", config.toString());
            List<String> output = collect(process);
            try (TestClient onModulePath = Mirror.confirmed(TestClient.connect(
                    URI.create("ws://127.0.0.1:" + port(process, output) + "/?mirror=mp"), Mirror.PROTOCOL));
                 TestClient onClassPath = Mirror.member(classPathNode, "mp")) {
                assertThat(onModulePath.nextText(), is(Mirror.JOINED));
                onModulePath.send("from the module path");
                assertThat(onModulePath.nextText(), is("from the module path"));
                assertThat(onClassPath.nextText(), is("from the module path"));
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(String.join("\n", output), not(containsString("Exception")));
        }
    }

    @Test
    void unreachableRedisEndsTheStartWithOneLineAndExitCodeTwo() throws Exception {
        Path config = config("redis: \"redis://:hidden-pw@127.0.0.1:1/0\"");
        Process process = ServerCommand.startOnModulePath("--config", config.toString());
        List<String> output = collect(process);
        assertThat(process.waitFor(30, TimeUnit.SECONDS), is(true));
        String text = String.join("\n", output);
        assertThat(text, process.exitValue(), is(2));
        assertThat(text, containsString("switchboard: Cannot reach Redis at redis://:****@127.0.0.1:1/0 "
                                                + "(switchboard.cluster.redis): "));
        assertThat(text, not(containsString("hidden-pw")));
        assertThat(text, not(containsString("\tat ")));
    }

    private Path config(String clusterKeys) throws IOException {
        Path protocols = TestServer.protocolsDirWithBuiltIns(tempDir);
        Path config = tempDir.resolve("switchboard.yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + protocols.toAbsolutePath() + "\"\n"
                + "  cluster:\n    " + clusterKeys + "\n");
        return config;
    }

    private static List<String> collect(Process process) throws IOException {
        process.getOutputStream().close();
        List<String> output = new CopyOnWriteArrayList<>();
        for (InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    lines.lines().forEach(output::add);
                } catch (IOException ignored) {
                    // The process ended.
                }
            });
        }
        return output;
    }

    private static int port(Process process, List<String> output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher serves = SERVES.matcher(line);
                if (serves.find()) {
                    return Integer.parseInt(serves.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n"
                                                 + String.join("\n", output));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start:\n" + String.join("\n", output));
    }
}
