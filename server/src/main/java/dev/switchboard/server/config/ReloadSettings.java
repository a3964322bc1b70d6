package dev.switchboard.server.config;

import java.time.Duration;

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
}
