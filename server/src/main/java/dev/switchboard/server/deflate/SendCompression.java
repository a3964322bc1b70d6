package dev.switchboard.server.deflate;

import java.util.Objects;

/**
 * How one session sends its messages: compressed from a size on, when the client negotiated permessage-deflate.
 *
 * @param negotiated     whether the client accepted compression
 * @param thresholdBytes the smallest message compressed ({@code compression.threshold}); smaller ones go plain,
 *                       where compression costs more than it saves
 * @param deflater       compresses the messages
 */
public record SendCompression(boolean negotiated, int thresholdBytes, MessageDeflater deflater) {

    /**
     * Creates the settings.
     *
     * @param negotiated     negotiated flag
     * @param thresholdBytes threshold
     * @param deflater       deflater
     */
    public SendCompression {
        Objects.requireNonNull(deflater, "deflater is null");
    }

    /**
     * Whether a message goes compressed.
     *
     * @param message the message
     * @return {@code true} when negotiated and the message is at least the threshold
     */
    public boolean compresses(OutboundMessage message) {
        return negotiated && message.payloadBytes() >= thresholdBytes;
    }
}
