package dev.switchboard.server.config;

/**
 * permessage-deflate for a protocol's connections.
 *
 * @param enabled        whether the server accepts a client's offer ({@code compression.enabled}); when off every
 *                       offer is declined
 * @param thresholdBytes the smallest message the server compresses ({@code compression.threshold})
 */
public record CompressionSettings(boolean enabled, int thresholdBytes) {

    /** The defaults: enabled, from 256 bytes. */
    public static final CompressionSettings DEFAULTS = new CompressionSettings(true, 256);
}
