package dev.switchboard.server.deflate;

import java.util.Objects;

/**
 * How one session sends its messages: compressed from a size on, when the client negotiated permessage-deflate, and
 * up to the size its window allows.
 *
 * @param negotiated     whether the client accepted compression
 * @param thresholdBytes the smallest message compressed ({@code compression.threshold}); smaller ones go plain,
 *                       where compression costs more than it saves
 * @param largestBytes   the longest message compressed: {@link DeflateParameters#largestCompressedMessage()}
 * @param deflater       compresses the messages
 */
public record SendCompression(boolean negotiated, int thresholdBytes, int largestBytes, MessageDeflater deflater) {

    /**
     * Creates the settings.
     *
     * @param negotiated     negotiated flag
     * @param thresholdBytes threshold
     * @param largestBytes   longest message compressed
     * @param deflater       deflater
     */
    public SendCompression {
        Objects.requireNonNull(deflater, "deflater is null");
    }

    /**
     * Whether a message goes compressed.
     *
     * @param message the message
     * @return {@code true} when negotiated and the message's size is from the threshold to the largest
     */
    public boolean compresses(OutboundMessage message) {
        int size = message.payloadBytes();
        return negotiated && size >= thresholdBytes && size <= largestBytes;
    }
}
