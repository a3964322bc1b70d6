package dev.switchboard.bench.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One loop's permessage-deflate buffers and the codecs of messages compressed afresh, shared by its connections (one
 * thread uses them all): made at first use, never when compression is off.
 */
final class DeflateScratch {

    // The largest piece of an inflated message handed to a listener at once.
    private static final int INFLATE_BUFFER = 64 * 1024;

    private ByteBuffer inflated;
    private byte[] deflated;
    private Inflater inflater;
    private Deflater deflater;

    ByteBuffer inflated() {
        if (inflated == null) {
            inflated = ByteBuffer.allocate(INFLATE_BUFFER);
        }
        return inflated;
    }

    // Grows keeping what it holds: a deflate that filled it goes on where it stopped.
    byte[] deflated(int atLeast) {
        if (deflated == null) {
            deflated = new byte[Math.max(atLeast, 4096)];
        } else if (deflated.length < atLeast) {
            deflated = Arrays.copyOf(deflated, atLeast);
        }
        return deflated;
    }

    Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        return inflater;
    }

    Deflater deflater() {
        if (deflater == null) {
            deflater = new Deflater(PerMessageDeflate.LEVEL, true);
        }
        return deflater;
    }

    // Frees the codecs' native memory: the loop is closing.
    void end() {
        if (inflater != null) {
            inflater.end();
        }
        if (deflater != null) {
            deflater.end();
        }
    }
}
