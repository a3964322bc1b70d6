package dev.switchboard.server.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension, registered on an instance field, for lifecycle tests that each start a server with settings
 * of their own: it prepares a protocols directory (built-ins plus test plugins) before each test and, after it,
 * closes the clients the test tracked, newest first, then stops the server within a bound
 * ({@link Lifecycle#stopWithin}), so that a server that cannot stop fails the test instead of hanging the run.
 */
final class ServerPerTest implements BeforeEachCallback, AfterEachCallback {

    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    private final List<String> plugins;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path dir;
    private TestServer server;

    private ServerPerTest(List<String> plugins) {
        this.plugins = plugins;
    }

    /** A protocols directory of the built-in protocols and these test plugins. */
    static ServerPerTest withBuiltInsAnd(String... plugins) {
        return new ServerPerTest(List.of(plugins));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("switchboard");
        TestPlugins.copyInto(TestServer.protocolsDirWithBuiltIns(dir), plugins.toArray(String[]::new));
    }

    /** Starts this test's server with extra YAML under {@code switchboard:}, indented by two spaces. */
    TestServer start(String switchboardYaml) {
        server = TestServer.start(dir.resolve("protocols"), switchboardYaml);
        return server;
    }

    /** Stops this test's server now, failing if that takes longer than {@code bound}; the test goes on without it. */
    void stopWithin(Duration bound) throws InterruptedException {
        TestServer running = server;
        server = null;
        Lifecycle.stopWithin(running, bound);
    }

    /** Closes the client after the test, before the server stops. */
    <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (AutoCloseable client : clients.reversed()) {
                client.close();
            }
            Lifecycle.stopWithin(server, STOP_BOUND);
        } finally {
            TestServer.deleteTree(dir);
        }
    }
}
