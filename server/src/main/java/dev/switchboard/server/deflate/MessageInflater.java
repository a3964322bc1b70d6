package dev.switchboard.server.deflate;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.switchboard.server.frame.ProtocolViolation;

/**
 * Inflates one connection's compressed messages, frame by frame as they arrive.
 *
 * <p>The size limit applies to the inflated message and is checked as it inflates, at most one chunk of output at
 * a time: a small message that inflates to gigabytes (a "zip bomb") fails with 1009 having cost at most the limit
 * plus one chunk. Each chunk is reported as it is inflated, so that the reader's budget and byte limit count
 * inflated bytes and a flood of compressed messages cannot hold the carrier longer than plain ones.
 *
 * <p>A client that resets its context after every message ({@code client_no_context_takeover}) gets a pooled
 * inflater for each message; one that takes over context keeps its own, made at its first compressed message.
 * A corrupt stream fails with 1007, as the node {@code ws} library does.
 */
public final class MessageInflater {

    // The final empty stored block the sender left out (RFC 7692 section 7.2.2).
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 64 * 1024;

    private final ZlibPools pools;
    private final boolean pooled;
    private final int maxMessageBytes;
    private final IntConsumer inflated;
    private Inflater inflater;
    private byte[] message;
    private int length;
    private long wireBytes;

    /**
     * Creates the inflater of one connection.
     *
     * @param parameters      what was negotiated
     * @param pools           where pooled inflaters come from
     * @param maxMessageBytes the largest inflated message accepted
     * @param inflated        told each count of bytes inflated
     */
    public MessageInflater(DeflateParameters parameters, ZlibPools pools, int maxMessageBytes, IntConsumer inflated) {
        this.pools = pools;
        this.pooled = parameters.clientNoContextTakeover();
        this.maxMessageBytes = maxMessageBytes;
        this.inflated = inflated;
    }

    /**
     * Inflates one frame of a compressed message.
     *
     * @param payload the frame's payload
     * @param fin     whether the frame ends the message
     * @return the whole inflated message when the frame ends it, else {@code null}
     * @throws ProtocolViolation 1009 past the size limit, 1007 for a corrupt stream
     */
    public byte[] inflate(byte[] payload, boolean fin) throws ProtocolViolation {
        if (inflater == null) {
            inflater = pooled ? pools.inflaters().take() : new Inflater(true);
        }
        if (message == null) {
            // Sized from the first frame (text compresses some fourfold), not a whole chunk: most messages are small.
            message = new byte[(int) Math.min(maxMessageBytes, Math.max(256L, Math.min(CHUNK, 4L * payload.length)))];
            length = 0;
            wireBytes = 0;
        }
        wireBytes += payload.length;
        inflateAll(payload);
        if (!fin) {
            return null;
        }
        inflateAll(TAIL);
        byte[] whole = Arrays.copyOf(message, length);
        message = null;
        if (pooled) {
            pools.inflaters().give(inflater);
            inflater = null;
        }
        return whole;
    }

    /**
     * The compressed size of the last message returned, for metrics.
     *
     * @return its frames' payload bytes
     */
    public long lastWireBytes() {
        return wireBytes;
    }

    /** The connection ended: gives back or ends the inflater. */
    public void release() {
        if (inflater != null) {
            if (pooled) {
                pools.inflaters().give(inflater);
            } else {
                inflater.end();
            }
            inflater = null;
        }
        message = null;
    }

    private void inflateAll(byte[] input) throws ProtocolViolation {
        inflater.setInput(input);
        try {
            while (true) {
                if (length == message.length) {
                    if (length >= maxMessageBytes) {
                        // Full at the limit: one more byte is a message too big.
                        byte[] probe = new byte[1];
                        if (inflater.inflate(probe) > 0) {
                            throw ProtocolViolation.messageTooBig("inflated message over " + maxMessageBytes + " bytes");
                        }
                        return;
                    }
                    message = Arrays.copyOf(message, (int) Math.min((long) maxMessageBytes, 2L * message.length));
                }
                int n = inflater.inflate(message, length, Math.min(CHUNK, message.length - length));
                length += n;
                if (n > 0) {
                    inflated.accept(n);
                }
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    return;
                }
                if (n == 0 && inflater.needsDictionary()) {
                    throw ProtocolViolation.invalidPayload("deflate stream asks for a dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw ProtocolViolation.invalidPayload("corrupt deflate stream");
        }
    }
}
