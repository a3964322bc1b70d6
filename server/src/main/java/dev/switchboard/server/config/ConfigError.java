package dev.switchboard.server.config;

import dev.switchboard.server.config.StartupException;

/**
 * A configuration value the server cannot start with. The message names the key and the value.
 */
public final class ConfigError extends StartupException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param key     the full key, e.g. {@code server.port}
     * @param value   the value as written
     * @param problem what is wrong with it
     */
    public ConfigError(String key, String value, String problem) {
        super(key + ": '" + value + "' " + problem);
    }

    /**
     * Creates an error about a key as a whole.
     *
     * @param message the message, starting with the key
     */
    public ConfigError(String message) {
        super(message);
    }
}
