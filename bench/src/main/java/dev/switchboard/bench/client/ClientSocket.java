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
 * only while queued bytes wait for room. On the loop's thread only.
 */
final class ClientSocket {

    private SocketChannel channel;
    private SelectionKey key;
    private boolean writeInterest;

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

    int read(ByteBuffer buffer) throws IOException {
        return channel.read(buffer);
    }

    // Writes what the socket takes now; returns the bytes written.
    int write(OutboundFrames outbound) throws IOException {
        int written = outbound.writeTo(channel);
        boolean more = outbound.pending() > 0;
        if (more != writeInterest) {
            writeInterest = more;
            key.interestOps(more ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
        return written;
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
