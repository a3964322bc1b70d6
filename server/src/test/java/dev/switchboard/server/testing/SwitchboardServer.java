package dev.switchboard.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.switchboard.server.Switchboard;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a {@link TestServer} before a test class's first test and stops it after its
 * last, in a protocols directory of its own that it deletes afterwards:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SwitchboardServer server = SwitchboardServer.withBuiltIns()
 *         .plugins("shout")
 *         .yaml("  default-protocol: reverse\n");
 * }</pre>
 *
 * Each setter returns a new, not yet started, extension. The class's {@code @AfterAll} methods run before the stop.
 * {@link #perTest()} gives each test a fresh server instead, for tests that look at everything a server holds; a test
 * that alone needs a server of its own starts a {@link TestServer} itself.
 */
public final class SwitchboardServer
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, LoopbackServer {

    private final boolean builtIns;
    private final List<String> plugins;
    private final String switchboardYaml;
    private final boolean perTest;
    private volatile Path dir;
    private volatile TestServer server;

    private SwitchboardServer(boolean builtIns, List<String> plugins, String switchboardYaml, boolean perTest) {
        this.builtIns = builtIns;
        this.plugins = List.copyOf(plugins);
        this.switchboardYaml = switchboardYaml;
        this.perTest = perTest;
    }

    /**
     * A server with copies of the built-in protocols and default settings.
     *
     * @return the extension
     */
    public static SwitchboardServer withBuiltIns() {
        return new SwitchboardServer(true, List.of(), "", false);
    }

    /**
     * A server whose protocols directory holds only the {@link #plugins(String...) test plugins} given.
     *
     * @return the extension
     */
    public static SwitchboardServer withoutBuiltIns() {
        return new SwitchboardServer(false, List.of(), "", false);
    }

    /**
     * Adds test plugin jars ({@link TestPlugins}) to the protocols directory.
     *
     * @param names jar names without {@code .jar}
     * @return a new extension with them
     */
    public SwitchboardServer plugins(String... names) {
        return new SwitchboardServer(builtIns, Stream.concat(plugins.stream(), Arrays.stream(names)).toList(),
                                     switchboardYaml, perTest);
    }

    /**
     * Sets extra YAML under {@code switchboard:}, indented by two spaces, as {@link TestServer#start} takes it.
     *
     * @param switchboardYaml the keys
     * @return a new extension with them
     */
    public SwitchboardServer yaml(String switchboardYaml) {
        return new SwitchboardServer(builtIns, plugins, switchboardYaml, perTest);
    }

    /**
     * Starts a fresh server before each test and stops it after, in the one protocols directory of the class.
     *
     * @return a new extension that does
     */
    public SwitchboardServer perTest() {
        return new SwitchboardServer(builtIns, plugins, switchboardYaml, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("switchboard");
        Path protocols = builtIns
                ? TestServer.protocolsDirWithBuiltIns(dir)
                : Files.createDirectories(dir.resolve("protocols"));
        TestPlugins.copyInto(protocols, plugins.toArray(String[]::new));
        if (!perTest) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            stop();
        } finally {
            if (dir != null) {
                TestServer.deleteTree(dir);
            }
        }
    }

    /**
     * The running server.
     *
     * @return the server
     * @throws IllegalStateException outside the test class's run
     */
    public TestServer server() {
        TestServer running = server;
        if (running == null) {
            throw new IllegalStateException("the server runs only while its test class does");
        }
        return running;
    }

    /**
     * The running Switchboard.
     *
     * @return the Switchboard
     */
    public Switchboard switchboard() {
        return server().switchboard();
    }

    @Override
    public int port() {
        return server().port();
    }

    private void start() {
        server = TestServer.start(dir.resolve("protocols"), switchboardYaml);
    }

    private void stop() {
        TestServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }
}
