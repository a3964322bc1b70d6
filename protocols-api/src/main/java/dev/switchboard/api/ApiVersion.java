package dev.switchboard.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of this protocol API, {@code major.minor.patch}.
 *
 * <p>{@link #current()} is the API the running server provides, read at run time from the API jar the server loaded,
 * so a protocol that asks gets the server's version, not the one it was compiled against. A protocol jar records the
 * version it was built against in its manifest, as {@code Switchboard-Api-Version: 1.0.0}; the server refuses a jar
 * built against a newer {@code major.minor} than its own, since the jar may call what this server does not have.
 * Patch releases add nothing a protocol can call, so they do not count.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 */
public record ApiVersion(int major, int minor, int patch) {

    /** The manifest attribute that records the API version a protocol jar was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Switchboard-Api-Version";

    // A qualifier such as -SNAPSHOT may follow; the patch may be left out (1.0 is 1.0.0).
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:[-+.][\\w.+-]*)?");
    private static final String RESOURCE = "api-version.properties";

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a part is negative
     */
    public ApiVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("A version part cannot be negative: " + major + "." + minor + "." + patch);
        }
    }

    /**
     * The version of the API the running server provides.
     *
     * @return the version of the API jar on the server's module path
     * @throws IllegalStateException if the API jar lacks its version resource (a broken build)
     */
    public static ApiVersion current() {
        try (InputStream in = ApiVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The protocol API jar has no " + RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            return parse(version).orElseThrow(
                    () -> new IllegalStateException(RESOURCE + " holds no version: '" + version + "'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a version as written in a manifest or a pom: {@code 1.0.0}, {@code 1.0}, {@code 1.1.0-SNAPSHOT}.
     *
     * @param text the text
     * @return the version, or empty if the text is not one; a qualifier after the numbers is dropped
     */
    public static Optional<ApiVersion> parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String patch = matcher.group(3);
        return Optional.of(new ApiVersion(Integer.parseInt(matcher.group(1)),
                                          Integer.parseInt(matcher.group(2)),
                                          patch == null ? 0 : Integer.parseInt(patch)));
    }

    /**
     * Whether a protocol built against the given version can run on a server that provides this one: its
     * {@code major.minor} is this one's or older.
     *
     * @param builtAgainst the version the protocol was built against
     * @return {@code false} if the protocol was built against a newer {@code major.minor}
     */
    public boolean provides(ApiVersion builtAgainst) {
        return builtAgainst.major < major || (builtAgainst.major == major && builtAgainst.minor <= minor);
    }

    /**
     * The version as written.
     *
     * @return for example {@code "1.0.0"}
     */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
