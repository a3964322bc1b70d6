package dev.switchboard.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static dev.switchboard.server.testing.FrameClient.BINARY;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.TEXT;

/**
 * Connections that write tiny frames as fast as TCP takes them, each from a platform thread of its own, until
 * {@link #close()}: the cheapest way for a client to make a server read without end. A flooder stops when the server
 * ends its connection.
 */
public final class Flood implements AutoCloseable {

    // Bytes per socket write, at least: many tiny frames, or a few large ones.
    private static final int WRITE_BYTES = 64 * 1024;

    private final List<FrameClient> clients = new ArrayList<>();
    // Platform threads: virtual ones would share their carriers with the server under test.
    private final List<Thread> writers = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final List<FrameClient.Ending> endings = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesWritten = new AtomicLong();

    private Flood() {
    }

    /**
     * Floods {@code protocol} with 1-byte binary messages, each a frame of its own.
     *
     * @param port        the server's port
     * @param protocol    the subprotocol to open
     * @param connections how many flooding connections
     * @return the running flood
     * @throws IOException if a connection cannot open
     */
    public static Flood oneByteMessages(int port, String protocol, int connections) throws IOException {
        return binaryMessages(port, protocol, connections, 1);
    }

    /**
     * Floods {@code protocol} with binary messages of {@code payloadBytes} each, each a frame of its own.
     *
     * @param port         the server's port
     * @param protocol     the subprotocol to open
     * @param connections  how many flooding connections
     * @param payloadBytes bytes per message
     * @return the running flood
     * @throws IOException if a connection cannot open
     */
    public static Flood binaryMessages(int port, String protocol, int connections, int payloadBytes)
            throws IOException {
        byte[] frame = OutboundFrame.frame(BINARY, new byte[payloadBytes]).bytes();
        return start(port, protocol, connections, new byte[0], frame);
    }

    /**
     * Opens a text message on {@code protocol} and continues it with empty frames, none of them final, so the message
     * never grows and never ends.
     *
     * @param port        the server's port
     * @param protocol    the subprotocol to open
     * @param connections how many flooding connections
     * @return the running flood
     * @throws IOException if a connection cannot open
     */
    public static Flood emptyContinuations(int port, String protocol, int connections) throws IOException {
        byte[] start = OutboundFrame.frame(TEXT, "".getBytes(StandardCharsets.UTF_8)).fin(false).bytes();
        byte[] frame = OutboundFrame.frame(CONTINUATION, new byte[0]).fin(false).bytes();
        return start(port, protocol, connections, start, frame);
    }

    private static Flood start(int port, String protocol, int connections, byte[] first, byte[] frame)
            throws IOException {
        int framesPerWrite = Math.max(1, WRITE_BYTES / frame.length);
        byte[] burst = new byte[frame.length * framesPerWrite];
        for (int i = 0; i < framesPerWrite; i++) {
            System.arraycopy(frame, 0, burst, i * frame.length, frame.length);
        }
        Flood flood = new Flood();
        try {
            for (int i = 0; i < connections; i++) {
                FrameClient client = FrameClient.connect(port, protocol).dropOnClose();
                flood.clients.add(client);
                client.write(first);
            }
        } catch (IOException | RuntimeException e) {
            flood.close();
            throw e;
        }
        for (FrameClient client : flood.clients) {
            int index = flood.readers.size();
            flood.endings.add(null);
            flood.readers.add(Thread.ofPlatform().daemon().name("flood-reader-" + client.localPort())
                                      .start(() -> flood.endings.set(index, client.drain(Duration.ofMinutes(5)))));
            flood.writers.add(Thread.ofPlatform().daemon().name("flooder-" + client.localPort())
                                      .start(() -> flood.pour(client, burst)));
        }
        return flood;
    }

    /**
     * How many connections flood.
     *
     * @return the count
     */
    public int connections() {
        return clients.size();
    }

    /**
     * Bytes the flooders have written so far, all connections together.
     *
     * @return the count
     */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /**
     * How the server ended each flooding connection, once it has: each connection's reader drains what the server
     * sends (so the flood is not held back by an unread backlog) and notes its close frame.
     *
     * @param within how long to wait for all of them
     * @return one ending per connection, {@link FrameClient.Ending.Kind#TIMED_OUT} for a connection still up
     * @throws InterruptedException if interrupted while waiting
     */
    public List<FrameClient.Ending> awaitEndings(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<FrameClient.Ending> result = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            FrameClient.Ending ending = endings.get(i);
            result.add(ending != null ? ending : new FrameClient.Ending(FrameClient.Ending.Kind.TIMED_OUT, 0, "", 0));
        }
        return result;
    }

    @Override
    public void close() {
        for (FrameClient client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // Dropped already.
            }
        }
        try {
            for (Thread thread : writers) {
                thread.join(TestClient.TIMEOUT);
            }
            for (Thread thread : readers) {
                thread.join(TestClient.TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pour(FrameClient client, byte[] burst) {
        try {
            while (true) {
                client.write(burst);
                bytesWritten.addAndGet(burst.length);
            }
        } catch (IOException e) {
            // The server ended the connection, or the test did.
        }
    }
}
