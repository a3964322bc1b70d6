package dev.switchboard.server.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.switchboard.server.lifecycle.ServerProcess;

/**
 * Several Switchboard processes ({@link ServerProcess}, one JVM each, on free ports of 127.0.0.1) started at once, as
 * the nodes behind a load balancer: each gets its own {@code switchboard} YAML, so that a node name or a cluster key
 * can differ per node. Starting them in parallel keeps a test class of five nodes at the start-up time of about one
 * on two cores.
 */
public final class Nodes implements AutoCloseable {

    private final List<ServerProcess> nodes;

    private Nodes(List<ServerProcess> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts {@code count} nodes at once; returns when all serve. If one fails to start, the others are stopped.
     *
     * @param dir             where to write their configurations
     * @param protocolsDir    the protocols directory they share
     * @param count           how many
     * @param switchboardYaml for node {@code i} (from 0), extra keys of its {@code switchboard} section, indented by
     *                        two spaces
     * @return the running nodes, in order
     * @throws Exception with the failed node's output if one does not start
     */
    public static Nodes start(Path dir, Path protocolsDir, int count, IntFunction<String> switchboardYaml)
            throws Exception {
        List<Future<ServerProcess>> starting = new ArrayList<>();
        List<ServerProcess> started = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String yaml = switchboardYaml.apply(i);
                starting.add(executor.submit(() -> ServerProcess.start(dir, protocolsDir, yaml)));
            }
            Exception failure = null;
            for (Future<ServerProcess> node : starting) {
                try {
                    started.add(node.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (failure != null) {
                for (ServerProcess node : started) {
                    node.close();
                }
                throw failure;
            }
        }
        return new Nodes(started);
    }

    /**
     * One node.
     *
     * @param index from 0
     * @return the node
     */
    public ServerProcess get(int index) {
        return nodes.get(index);
    }

    /**
     * All nodes, in the order started.
     *
     * @return the nodes
     */
    public List<ServerProcess> all() {
        return nodes;
    }

    /**
     * Every node's output so far, each under a heading with its port and PID, for failure messages.
     *
     * @return the outputs
     */
    public String output() {
        StringBuilder text = new StringBuilder();
        for (ServerProcess node : nodes) {
            text.append("--- node on port ").append(node.port()).append(" (pid ").append(node.pid()).append("):\n")
                    .append(node.output()).append('\n');
        }
        return text.toString();
    }

    /** Stops every node still running, with SIGKILL (a test that wants SIGTERM sends it itself). */
    @Override
    public void close() throws InterruptedException {
        for (ServerProcess node : nodes) {
            node.close();
        }
    }
}
