package dev.switchboard.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.bench.client.WsUrl;

/**
 * Several Switchboard nodes on this machine sharing one {@code redis-server} ({@code switchboard.cluster.redis}), as
 * {@code bench compare}'s {@code fanout-cluster} entries measure them: Redis on a free loopback port with no
 * persistence, then the nodes, all started at once and each on an ephemeral port, all pinned to the server CPUs
 * given. Its {@link #url()} and {@link #pid()} are the first node's; {@link #urls()}, {@link #pids()} and
 * {@link #redisPid()} give the rest. Everything is stopped by its own process id, the nodes first.
 */
public final class SwitchboardCluster implements Target {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ServerProcess redis;
    private final Path redisDir;
    private final List<Target> nodes;

    private SwitchboardCluster(ServerProcess redis, Path redisDir, List<Target> nodes) {
        this.redis = redis;
        this.redisDir = redisDir;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts Redis and the nodes.
     *
     * @param count      how many nodes, at least 1
     * @param cpus       CPUs to pin Redis and every node to, or {@code null}
     * @param jvmOptions the nodes' JVM options
     * @return the running cluster
     * @throws IllegalStateException if {@code redis-server} is not installed or something does not start
     */
    public static SwitchboardCluster start(int count, String cpus, List<String> jvmOptions) {
        if (!Targets.onPath("redis-server")) {
            throw new IllegalStateException("redis-server is not installed (Debian: apt-get install redis-server)");
        }
        int port = ServerProcess.freePort();
        Path dir;
        try {
            dir = Files.createTempDirectory("bench-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess redis = ServerProcess.start("redis", cpus, List.of(
                "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()), List.of());
        List<ServerProcess> starting = new ArrayList<>();
        List<Target> nodes = new ArrayList<>();
        try {
            redis.awaitPort(port, START_TIMEOUT);
            for (int i = 1; i <= count; i++) {
                starting.add(Targets.startSwitchboard(cpus, jvmOptions, "switchboard:\n  cluster:\n"
                        + "    redis: \"redis://127.0.0.1:" + port + "\"\n    node: \"node-" + i + "\"\n", "node-" + i));
            }
            for (ServerProcess node : starting) {
                nodes.add(Targets.awaitSwitchboard(node));
            }
            return new SwitchboardCluster(redis, dir, nodes);
        } catch (RuntimeException e) {
            starting.forEach(ServerProcess::close);
            redis.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "switchboard";
    }

    @Override
    public WsUrl url() {
        return nodes.getFirst().url();
    }

    @Override
    public long pid() {
        return nodes.getFirst().pid();
    }

    /**
     * Every node's URL, in the order started.
     *
     * @return the URLs
     */
    public List<WsUrl> urls() {
        return nodes.stream().map(Target::url).toList();
    }

    /**
     * Every node's process id, in the same order.
     *
     * @return the pids
     */
    public List<Long> pids() {
        return nodes.stream().map(Target::pid).toList();
    }

    /**
     * The Redis server's process id, for its CPU.
     *
     * @return the pid
     */
    public long redisPid() {
        return redis.pid();
    }

    @Override
    public String commandLine() {
        return nodes.size() + " x " + nodes.getFirst().commandLine() + " on " + redis.commandLine();
    }

    @Override
    public void close() {
        nodes.forEach(Target::close);
        redis.close();
        try {
            // Empty: Redis keeps nothing on disk here.
            Files.deleteIfExists(redisDir);
        } catch (IOException e) {
            // A temporary directory left behind.
        }
    }
}
