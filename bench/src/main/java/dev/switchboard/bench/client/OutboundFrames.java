package dev.switchboard.bench.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

import dev.switchboard.server.frame.OpCode;

/**
 * The sending half of a {@link ClientConnection}: messages compressed when permessage-deflate was agreed, frames
 * masked, each with a fresh key, into one output buffer of the connection's own that grows as needed and is written
 * once per loop round, so a burst of sends costs one system call. Made at the first byte queued, dropped when the
 * connection ends. On the loop's thread only.
 */
final class OutboundFrames {

    private static final byte[] NO_BODY = new byte[0];

    private int maskSeed;
    private ByteBuffer out;

    OutboundFrames(int maskSeed) {
        this.maskSeed = maskSeed == 0 ? 0x9E3779B9 : maskSeed;
    }

    // Bytes queued and not yet written.
    int pending() {
        return out == null ? 0 : out.position();
    }

    // The handshake request, as it is.
    void raw(byte[] bytes) {
        ensure(bytes.length);
        out.put(bytes);
    }

    // A data message, compressed if the server agreed to permessage-deflate (null if not), counted in the loop's
    // traffic.
    void message(int opCode, byte[] payload, int offset, int length, PerMessageDeflate deflate, EventLoop loop) {
        Traffic traffic = loop.traffic();
        traffic.messagesOut++;
        traffic.messageBytesOut += length;
        if (deflate != null) {
            traffic.compressedOut++;
            int compressed = deflate.deflate(payload, offset, length);
            frame(opCode | Frames.RSV1, loop.deflateScratch().deflated(0), 0, compressed);
        } else {
            frame(opCode, payload, offset, length);
        }
    }

    void frame(int opCode, byte[] payload, int offset, int length) {
        ensure(Frames.frameSize(length));
        int written = Frames.write(opCode, payload, offset, length, nextMask(), out.array(),
                                   out.arrayOffset() + out.position());
        out.position(out.position() + written);
    }

    // A close frame with the code; with no body for 1005, which says the close received had no code (RFC 6455 7.4.1:
    // 1005 is never sent).
    void close(int code) {
        byte[] body = code == ClientConnection.NO_STATUS ? NO_BODY : new byte[] {(byte) (code >>> 8), (byte) code};
        frame(OpCode.CLOSE, body, 0, body.length);
    }

    // Writes what the socket takes now, keeping the rest; returns the bytes written.
    int writeTo(SocketChannel channel) throws IOException {
        out.flip();
        int written = channel.write(out);
        out.compact();
        return written;
    }

    void release() {
        out = null;
    }

    private void ensure(int bytes) {
        if (out == null) {
            out = ByteBuffer.allocate(Math.max(1024, Integer.highestOneBit(bytes) << 1));
        } else if (out.remaining() < bytes) {
            int capacity = out.capacity();
            while (capacity - out.position() < bytes) {
                capacity <<= 1;
            }
            out = ByteBuffer.wrap(Arrays.copyOf(out.array(), capacity)).position(out.position());
        }
    }

    // xorshift32: a fresh masking key per frame, cheaply.
    private int nextMask() {
        int x = maskSeed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        maskSeed = x;
        return x;
    }
}
