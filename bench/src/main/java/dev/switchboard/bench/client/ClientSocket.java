package dev.switchboard.bench.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A {@link ClientConnection}'s socket: non-blocking, registered with its loop's selector, and interested in writes
 * only while queued bytes wait for room. A connection held to a read rate reads within a {@link ReadBudget} and, out
 * of it, stops reading until it refills: the kernel's buffers fill and TCP pushes back on the server, as on a slow
 * client. On the loop's thread only.
 */
final class ClientSocket {

    private SocketChannel channel;
    private SelectionKey key;
    private boolean writeInterest;
    // Null while reads take whatever the buffer has room for.
    private ReadBudget budget;
    private boolean readPaused;

    // Opens the socket and starts connecting; returns whether it connected at once (else the loop reports OP_CONNECT).
    boolean connect(InetAddress source, InetSocketAddress address, Selector selector, ClientConnection connection)
            throws IOException {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (source != null) {
            channel.bind(new InetSocketAddress(source, 0));
        }
        boolean connected = channel.connect(address);
        key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, connection);
        return connected;
    }

    void finishConnect() throws IOException {
        channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ);
    }

    /**
     * Reads what the socket holds, up to the buffer's room and, for a connection held to a rate, its budget; out of
     * budget, the socket stops reading until the budget has refilled.
     *
     * @param buffer         the buffer, in write mode
     * @param bytesPerSecond the most bytes read a second, or 0 for no limit
     * @param loop           the loop, to resume reading on
     * @return the bytes read, -1 at the end of the stream
     */
    int read(ByteBuffer buffer, long bytesPerSecond, EventLoop loop) throws IOException {
        if (bytesPerSecond <= 0) {
            budget = null;
            return channel.read(buffer);
        }
        long now = System.nanoTime();
        if (budget == null || budget.bytesPerSecond() != bytesPerSecond) {
            budget = new ReadBudget(bytesPerSecond, now);
        }
        buffer.limit(Math.min(buffer.limit(), buffer.position() + budget.available(now)));
        int read = channel.read(buffer);
        if (budget.spend(Math.max(0, read))) {
            readPaused = true;
            updateInterest();
            loop.schedule(budget.refilledAt(now), this::resumeReading);
        }
        return read;
    }

    private void resumeReading() {
        if (readPaused && key.isValid()) {
            readPaused = false;
            updateInterest();
        }
    }

    // Writes what the socket takes now; returns the bytes written.
    int write(OutboundFrames outbound) throws IOException {
        int written = outbound.writeTo(channel);
        boolean more = outbound.pending() > 0;
        if (more != writeInterest) {
            writeInterest = more;
            updateInterest();
        }
        return written;
    }

    private void updateInterest() {
        key.interestOps((readPaused ? 0 : SelectionKey.OP_READ) | (writeInterest ? SelectionKey.OP_WRITE : 0));
    }

    // Makes the close send a TCP reset, so no TIME_WAIT is left behind.
    void reset() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException ignored) {
            // Closing anyway.
        }
    }

    void close() {
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Gone either way.
        }
    }
}
