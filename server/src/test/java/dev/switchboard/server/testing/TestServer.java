package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.switchboard.server.Main;
import dev.switchboard.server.Switchboard;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * A real Switchboard on an ephemeral loopback port, for tests. Configured from a YAML snippet; its protocols
 * directory is a temporary copy of the built-in protocol jars plus whatever a test adds.
 */
public final class TestServer implements LoopbackServer, AutoCloseable {

    private final Switchboard switchboard;

    private TestServer(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /**
     * The built-in protocol jars, as the build copied them next to the server's classes.
     *
     * @return the directory holding them
     */
    public static Path builtInProtocols() {
        return Main.home().resolve("protocols");
    }

    /**
     * A fresh temporary protocols directory holding copies of the built-in jars.
     *
     * @return the directory
     */
    public static Path protocolsDirWithBuiltIns() {
        try {
            return protocolsDirWithBuiltIns(Files.createTempDirectory("switchboard"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A protocols directory inside the given one, holding copies of the built-in jars.
     *
     * @param parent where to create it, e.g. a test's temporary directory
     * @return the directory
     */
    public static Path protocolsDirWithBuiltIns(Path parent) {
        try {
            Path dir = Files.createDirectories(parent.resolve("protocols"));
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(builtInProtocols(), "*.jar")) {
                for (Path jar : jars) {
                    Files.copy(jar, dir.resolve(jar.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a temporary directory made for a server, such as the parent given to
     * {@link #protocolsDirWithBuiltIns(Path)}, with everything in it.
     *
     * @param root the directory
     * @throws IOException if something cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A configuration from YAML text alone: no environment or system-property overrides, so tests are repeatable.
     *
     * @param yaml the YAML
     * @return the configuration
     */
    public static Config config(String yaml) {
        return Config.builder()
                .addSource(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableFilterServices()
                .build();
    }

    /**
     * Starts a server on 127.0.0.1 and a free port, with the given protocols directory and extra YAML under
     * {@code switchboard:} (indented by two spaces, e.g. {@code "  default-protocol: reverse\n"}).
     *
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section
     * @return the running server
     */
    public static TestServer start(Path protocolsDir, String switchboardYaml) {
        return new TestServer(Switchboard.start(config(yaml(protocolsDir, switchboardYaml)), Main.home()));
    }

    /**
     * Starts a server with copies of the built-in protocols and default settings.
     *
     * @return the running server
     */
    public static TestServer startWithBuiltIns() {
        return start(protocolsDirWithBuiltIns(), "");
    }

    /**
     * The full YAML used by {@link #start(Path, String)}.
     *
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section
     * @return the YAML text
     */
    public static String yaml(Path protocolsDir, String switchboardYaml) {
        return "server:\n  host: 127.0.0.1\n  port: 0\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir.toAbsolutePath() + "\"\n" + switchboardYaml;
    }

    /**
     * The server.
     *
     * @return the running Switchboard
     */
    public Switchboard switchboard() {
        return switchboard;
    }

    @Override
    public int port() {
        return switchboard.port();
    }

    @Override
    public void close() {
        switchboard.stop();
    }
}
