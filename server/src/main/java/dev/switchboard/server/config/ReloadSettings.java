package dev.switchboard.server.config;

import java.time.Duration;
import java.util.Set;

import io.helidon.config.Config;

import static dev.switchboard.server.config.ConfigNodes.children;
import static dev.switchboard.server.config.ConfigNodes.text;

/**
 * Live reload of the protocols directory ({@code switchboard.reload}).
 *
 * @param watch        whether the server watches {@code protocols-dir} and loads new, replaced and removed plugins
 *                     while it runs ({@code reload.watch})
 * @param drainTimeout how long the sessions of an older or removed generation of a protocol may stay open before
 *                     they are closed with 1012 ({@code reload.drain-timeout})
 */
public record ReloadSettings(boolean watch, Duration drainTimeout) {

    /** The defaults: watching, 30 s to drain. */
    public static final ReloadSettings DEFAULTS = new ReloadSettings(true, Duration.ofSeconds(30));

    /**
     * Reads the {@code switchboard.reload} section: watch and drain-timeout, both optional.
     *
     * @param node the section
     * @return the settings
     * @throws ConfigError for an unknown key or a bad value
     */
    static ReloadSettings from(Config node) {
        for (Config child : children(node)) {
            if (!Set.of("watch", "drain-timeout").contains(child.name())) {
                throw new ConfigError("switchboard.reload." + child.name()
                                              + ": unknown key (known keys: drain-timeout, watch)");
            }
        }
        boolean watch = text(node.get("watch")).map(v -> ConfigValues.bool("switchboard.reload.watch", v))
                .orElse(DEFAULTS.watch());
        Duration drain = text(node.get("drain-timeout"))
                .map(v -> ConfigValues.positiveDuration("switchboard.reload.drain-timeout", v))
                .orElse(DEFAULTS.drainTimeout());
        return new ReloadSettings(watch, drain);
    }
}
