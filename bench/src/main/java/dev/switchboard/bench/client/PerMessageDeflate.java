package dev.switchboard.bench.client;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One connection's permessage-deflate (RFC 7692): inflates the messages the server sent with RSV1, deflates what the
 * client sends.
 *
 * <p>Compression state is what a client pays per connection, so it is kept only where the agreement needs it: when
 * a side starts every message afresh, that side's messages go through the loop's shared {@link Inflater} or
 * {@link Deflater} (reset per message) and the connection holds none. With context takeover the connection has its
 * own, made at its first compressed message: about 256 KiB of native memory for a JDK deflater, about 40 KiB for an
 * inflater. Every method runs on the loop's thread.
 */
final class PerMessageDeflate {

    // Section 7.2.2: the end of a flushed block, which the sender strips from each message and the receiver restores.
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    // zlib's fastest level: the server inflates any level alike, and at the default level (6) with context taken
    // over, zlib's match search (longest_match) held the generator's core at ~4,500 compressed 1 KiB echoes a second,
    // well before the server's.
    static final int LEVEL = Deflater.BEST_SPEED;

    private final DeflateAgreement agreement;
    private final EventLoop loop;
    private boolean resetDeflate;
    private Inflater ownInflater;
    private Deflater ownDeflater;
    // The message being received: compressed or not, and on which inflater.
    private boolean inflating;
    private Inflater inflater;

    PerMessageDeflate(DeflateAgreement agreement, DeflateOffer offer, EventLoop loop) {
        this.agreement = agreement;
        this.loop = loop;
        this.resetDeflate = agreement.clientNoContextTakeover() || offer == DeflateOffer.NO_CONTEXT_TAKEOVER;
    }

    DeflateAgreement agreement() {
        return agreement;
    }

    /** Whether the message being received is compressed: its continuation frames go through {@link #inflate}. */
    boolean inflating() {
        return inflating;
    }

    /**
     * Inflates one frame of a compressed message and hands what comes out to the listener, in pieces of the loop's
     * inflate buffer; only the last piece of the message carries {@code fin}.
     *
     * @return the message bytes it gave the listener
     */
    long inflate(ClientConnection connection, int opCode, boolean first, boolean fin, ByteBuffer buffer, int offset,
                 int length, long nanos) throws DataFormatException {
        if (first) {
            inflating = true;
            // A message in one frame, from a server that starts every message afresh, needs no context of its own.
            if (fin && agreement.serverNoContextTakeover()) {
                // Reset here, not after: a message that failed to inflate must not spoil the next one's.
                inflater = loop.deflateScratch().inflater();
                inflater.reset();
            } else {
                inflater = ownInflater();
            }
        }
        ByteBuffer out = loop.deflateScratch().inflated();
        int limit = buffer.limit();
        int position = buffer.position();
        buffer.limit(offset + length).position(offset);
        long produced;
        try {
            inflater.setInput(buffer);
            produced = drain(connection, opCode, out, nanos);
        } finally {
            buffer.limit(limit).position(position);
        }
        if (!fin) {
            return produced;
        }
        inflater.setInput(TAIL);
        produced += drain(connection, opCode, out, nanos);
        inflating = false;
        if (inflater == ownInflater && (agreement.serverNoContextTakeover() || inflater.finished())) {
            inflater.reset();
        }
        int last = out.position();
        out.clear();
        connection.listener().onData(connection, opCode, true, out, 0, last, nanos);
        return produced;
    }

    private long drain(ClientConnection connection, int opCode, ByteBuffer out, long nanos)
            throws DataFormatException {
        long produced = 0;
        while (true) {
            produced += inflater.inflate(out);
            if (!out.hasRemaining()) {
                int full = out.position();
                out.clear();
                connection.listener().onData(connection, opCode, false, out, 0, full, nanos);
            } else if (inflater.needsInput() || inflater.finished()) {
                return produced;
            } else if (inflater.needsDictionary()) {
                throw new DataFormatException("the server's deflate stream asks for a preset dictionary");
            }
        }
    }

    /**
     * Deflates a message into the loop's deflate buffer, without the 4-byte tail.
     *
     * @return the compressed length; the bytes are at the start of {@link EventLoop#deflated(int)}
     */
    int deflate(byte[] payload, int offset, int length) {
        Deflater deflater = resetDeflate ? loop.deflateScratch().deflater() : ownDeflater();
        deflater.setInput(payload, offset, length);
        // Sync flush output is at most the input, 5 bytes per 16 KiB stored block, and a few of the flush: sized so
        // that the loop below rarely runs twice.
        byte[] out = loop.deflateScratch().deflated(length + (length >>> 13) + 64);
        int written = 0;
        while (true) {
            int n = deflater.deflate(out, written, out.length - written, Deflater.SYNC_FLUSH);
            written += n;
            if (written < out.length) {
                break;
            }
            out = loop.deflateScratch().deflated(out.length * 2);
        }
        if (resetDeflate) {
            deflater.reset();
        }
        if (written < TAIL.length) {
            // An empty message on a kept context flushes nothing at all: send the one 0x00 byte of an empty stored
            // block instead (section 7.2.3.6).
            out[0] = 0;
            return 1;
        }
        // Every sync flush ends with the tail; take it off (section 7.2.1).
        return written - TAIL.length;
    }

    /**
     * Lets go of this connection's own deflater: the client may start any message afresh (the server's inflater
     * reads a fresh stream as well as a continued one), so later messages use the loop's shared one.
     */
    void dropDeflateContext() {
        resetDeflate = true;
        if (ownDeflater != null) {
            ownDeflater.end();
            ownDeflater = null;
        }
    }

    boolean holdsDeflater() {
        return ownDeflater != null;
    }

    boolean holdsInflater() {
        return ownInflater != null;
    }

    void end() {
        if (ownInflater != null) {
            ownInflater.end();
            ownInflater = null;
        }
        if (ownDeflater != null) {
            ownDeflater.end();
            ownDeflater = null;
        }
        inflater = null;
    }

    private Inflater ownInflater() {
        if (ownInflater == null) {
            ownInflater = new Inflater(true);
        }
        return ownInflater;
    }

    private Deflater ownDeflater() {
        if (ownDeflater == null) {
            ownDeflater = new Deflater(LEVEL, true);
        }
        return ownDeflater;
    }
}
