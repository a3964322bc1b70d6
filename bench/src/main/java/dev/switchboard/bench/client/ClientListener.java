package dev.switchboard.bench.client;

import java.nio.ByteBuffer;

import dev.switchboard.server.frame.OpCode;

/**
 * What a scenario does with one client connection. Every call comes on the connection's {@link EventLoop} thread, so
 * a listener may keep plain (unsynchronized) state per connection and per loop.
 */
public interface ClientListener {

    /** A listener that ignores everything: for scenarios that only open connections and hold them. */
    ClientListener IGNORE = (connection, opCode, fin, buffer, offset, length, nanos) -> {
    };

    /**
     * The server answered the handshake with 101 and the connection is open.
     *
     * @param connection the connection
     * @param nanos      {@link System#nanoTime()} when the answer was read
     */
    default void onOpen(ClientConnection connection, long nanos) {
    }

    /**
     * A data frame arrived. The payload is only valid during the call: it sits in the loop's read buffer.
     *
     * @param connection the connection
     * @param opCode     the message's opcode, {@link OpCode#TEXT} or {@link OpCode#BINARY}, also for its continuation
     *                   frames
     * @param fin        whether this frame ends the message
     * @param buffer     the buffer holding the payload (read by absolute index; do not change its position)
     * @param offset     where the payload starts in the buffer
     * @param length     the payload length
     * @param nanos      {@link System#nanoTime()} when the bytes were read
     */
    void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer, int offset, int length,
                long nanos);

    /**
     * How fast this client reads once open, asked before every read: a slow client reads no more than this a second
     * (a token bucket; out of it, the connection stops reading until it refills, so the kernel's buffers fill and TCP
     * pushes back on the server). The handshakes are read freely.
     *
     * @return bytes a second, or 0 (the default) to read whatever arrives as soon as it does
     */
    default long readBytesPerSecond() {
        return 0;
    }

    /**
     * The connection ended, whether it ever opened or not. Called exactly once.
     *
     * @param connection the connection
     * @param code       the close code the server sent, 1006 if none (a reset, end of stream or a failed handshake)
     * @param reason     the close reason, or what went wrong
     */
    default void onClose(ClientConnection connection, int code, String reason) {
    }
}
