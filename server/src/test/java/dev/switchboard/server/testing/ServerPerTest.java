package dev.switchboard.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension, registered on an instance field, for tests that each start a server with settings of their
 * own: it prepares a protocols directory (built-ins plus test plugins) before each test and, after it, closes the
 * clients the test tracked, newest first, then stops the server within a bound ({@link BoundedStop}), so that a
 * server that cannot stop fails the test instead of hanging the run.
 */
public final class ServerPerTest implements BeforeEachCallback, AfterEachCallback {

    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    private final List<String> plugins;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path dir;
    private TestServer server;

    private ServerPerTest(List<String> plugins) {
        this.plugins = plugins;
    }

    /**
     * A protocols directory of the built-in protocols.
     *
     * @return the extension
     */
    public static ServerPerTest withBuiltIns() {
        return new ServerPerTest(List.of());
    }

    /**
     * A protocols directory of the built-in protocols and these test plugins ({@link TestPlugins}).
     *
     * @param plugins jar names without {@code .jar}
     * @return the extension
     */
    public static ServerPerTest withBuiltInsAnd(String... plugins) {
        return new ServerPerTest(List.of(plugins));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("switchboard");
        TestPlugins.copyInto(TestServer.protocolsDirWithBuiltIns(dir), plugins.toArray(String[]::new));
    }

    /**
     * This test's protocols directory, for a test that adds to it before it starts its server.
     *
     * @return the directory
     */
    public Path protocolsDir() {
        return dir.resolve("protocols");
    }

    /**
     * Starts this test's server.
     *
     * @param switchboardYaml extra YAML under {@code switchboard:}, indented by two spaces
     * @return the running server
     */
    public TestServer start(String switchboardYaml) {
        server = TestServer.start(protocolsDir(), switchboardYaml);
        return server;
    }

    /**
     * Stops this test's server now; the test goes on without it.
     *
     * @param bound how long the stop may take
     * @throws AssertionError if it takes longer
     * @throws InterruptedException if interrupted
     */
    public void stopWithin(Duration bound) throws InterruptedException {
        TestServer running = server;
        server = null;
        stop(running, bound);
    }

    /**
     * Closes the client after the test, before the server stops.
     *
     * @param client the client
     * @param <T>    its type
     * @return the client
     */
    public <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        // Every client is closed and the server stopped even when a close fails; the first failure is thrown.
        Exception failure = null;
        for (AutoCloseable client : clients.reversed()) {
            try {
                client.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            stop(server, STOP_BOUND);
        } finally {
            TestServer.deleteTree(dir);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void stop(TestServer server, Duration bound) throws InterruptedException {
        if (server != null) {
            BoundedStop.begin(server, bound).await();
        }
    }
}
