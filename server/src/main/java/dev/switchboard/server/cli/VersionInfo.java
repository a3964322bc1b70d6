package dev.switchboard.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.helidon.common.Version;

/**
 * What {@code --version} prints: Switchboard's version, as the build wrote it into {@code version.properties}, and
 * the Helidon and Java it runs on.
 */
public final class VersionInfo {

    private VersionInfo() {
    }

    /**
     * The version lines.
     *
     * @return {@code switchboard VERSION}, then the Helidon and the Java version, one per line
     */
    public static String text() {
        return "switchboard " + switchboardVersion() + "\n"
                + "Helidon " + Version.VERSION + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }

    /**
     * Switchboard's version.
     *
     * @return the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
     */
    public static String switchboardVersion() {
        Properties properties = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing next to " + VersionInfo.class.getName()
                                                        + ": the build did not run resource filtering");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
