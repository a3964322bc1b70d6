package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The protocol jars of the {@code test-plugins} module: compiled against the API with the rest of the build and packed
 * one jar per plugin, so that an API change breaks them at compile time. A test copies the ones it needs into its
 * protocols directory:
 *
 * <pre>{@code
 * Path dir = TestServer.protocolsDirWithBuiltIns(tempDir);
 * TestPlugins.copyInto(dir, "shout", "gate");
 * }</pre>
 *
 * The build names their folder in the system property {@value #DIR_PROPERTY}; each plugin's options and behaviour are
 * in the Javadoc of its factory, {@code test-plugins/src/main/java/dev/switchboard/testplugins/<package>/}.
 */
public final class TestPlugins {

    /** The system property naming the folder of the jars ({@code test-plugins/target/plugins}). */
    public static final String DIR_PROPERTY = "switchboard.test-plugins.dir";

    private TestPlugins() {
    }

    /**
     * Copies test plugin jars into a protocols directory.
     *
     * @param protocolsDir the directory
     * @param names        jar names without {@code .jar}, e.g. {@code shout}
     * @throws IllegalStateException if a jar has not been built
     */
    public static void copyInto(Path protocolsDir, String... names) {
        for (String name : names) {
            try {
                Files.copy(jar(name), protocolsDir.resolve(name + ".jar"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path jar(String name) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("System property " + DIR_PROPERTY + " is not set: run the tests through"
                                                    + " Maven (mvn -pl server -am verify), which builds test-plugins"
                                                    + " first and sets it");
        }
        Path jar = Path.of(dir, name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No test plugin " + jar + ": is it listed in test-plugins/pom.xml, and"
                                                    + " was test-plugins built (mvn -pl server -am verify)?");
        }
        return jar;
    }
}
