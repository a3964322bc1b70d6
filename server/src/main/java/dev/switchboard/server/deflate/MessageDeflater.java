package dev.switchboard.server.deflate;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses whole messages for permessage-deflate, each on its own (the server never takes over context), with a
 * deflater borrowed from the pool for the one message.
 */
public final class MessageDeflater {

    private final ZlibPools pools;

    /**
     * Creates the compressor.
     *
     * @param pools where deflaters come from
     */
    public MessageDeflater(ZlibPools pools) {
        this.pools = pools;
    }

    /**
     * Compresses one message's payload.
     *
     * @param payload the message
     * @return the compressed payload, without the final {@code 00 00 FF FF} (RFC 7692 section 7.2.1)
     */
    public byte[] compress(byte[] payload) {
        Deflater deflater = pools.deflaters().take();
        try {
            deflater.setInput(payload);
            byte[] out = new byte[Math.max(64, payload.length / 2 + 64)];
            int length = 0;
            while (true) {
                length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                if (length < out.length) {
                    break;
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            // A sync flush ends in an empty stored block, 00 00 FF FF, which the receiver adds back.
            return Arrays.copyOf(out, length - 4);
        } finally {
            pools.deflaters().give(deflater);
        }
    }
}
