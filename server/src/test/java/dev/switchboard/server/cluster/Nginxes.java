package dev.switchboard.server.cluster;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.switchboard.server.testing.Nginx;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Every nginx a test class starts in front of its nodes, to be closed after the class. Registered as an extension, it
 * puts the logs of each, and the output of every node, into the report of a test that fails.
 */
final class Nginxes implements TestWatcher {

    private final List<Nginx> started = new CopyOnWriteArrayList<>();
    private final Supplier<String> nodesOutput;

    /**
     * @param nodesOutput the output of every node the class has started so far
     */
    Nginxes(Supplier<String> nodesOutput) {
        this.nodesOutput = nodesOutput;
    }

    /** Starts one, as {@link Nginx#start(List, Map)}, and keeps it. */
    Nginx start(List<Integer> upstreamPorts, Map<String, String> overrides) throws IOException {
        Nginx nginx = Nginx.start(upstreamPorts, overrides);
        started.add(nginx);
        return nginx;
    }

    void closeAll() {
        started.forEach(Nginx::close);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder text = new StringBuilder("=== " + context.getDisplayName() + " failed; logs:\n");
        started.forEach(n -> text.append(n.logs()).append('\n'));
        System.out.println(text.append(nodesOutput.get()));
    }
}
