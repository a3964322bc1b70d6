package dev.switchboard.server.plugin;

import java.util.Optional;

import dev.switchboard.api.ApiVersion;

import static java.lang.System.Logger.Level.INFO;

/**
 * Refuses a plugin built against a newer protocol API than the server provides, before any of its classes load: it
 * may call what this server does not have, and would fail later, in the middle of a session. The version comes from
 * the provider jar's manifest, where Maven builds put it; a jar without it (built by hand with {@code jar}) loads
 * unchecked, with a note in the log.
 */
final class ApiVersionCheck {

    private static final System.Logger LOGGER = System.getLogger(ApiVersionCheck.class.getName());

    private ApiVersionCheck() {
    }

    /**
     * Checks a plugin against the API this server provides.
     *
     * @param jars     the plugin
     * @param provided the API version of this server
     * @throws ProtocolJarException if the plugin was built against a newer {@code major.minor}, or its manifest
     *                              names no valid version
     */
    static void check(PluginJars jars, ApiVersion provided) throws ProtocolJarException {
        Optional<String> recorded = jars.builtAgainst();
        if (recorded.isEmpty()) {
            LOGGER.log(INFO, jars.source() + ": no " + ApiVersion.MANIFEST_ATTRIBUTE + " in the manifest of "
                    + jars.providerJar().getFileName() + "; loaded without checking which protocol API it was built"
                    + " against");
            return;
        }
        String text = recorded.get();
        ApiVersion builtAgainst = ApiVersion.parse(text).orElseThrow(() -> new ProtocolJarException(
                jars.source(), ApiVersion.MANIFEST_ATTRIBUTE + " '" + text + "' in its manifest is not a version such"
                        + " as " + provided));
        if (!provided.provides(builtAgainst)) {
            throw new ProtocolJarException(jars.source(), "built against protocol API " + text.strip()
                    + "; this server provides " + provided);
        }
    }
}
