package dev.switchboard.server.connection;

import java.util.function.IntConsumer;

import dev.switchboard.server.frame.ByteSource;

import io.helidon.common.buffers.DataReader;

/**
 * The frame reader's view of Helidon's connection reader, which already holds any bytes the client sent right
 * after its handshake.
 *
 * @param reader   the connection's reader
 * @param progress called with the count whenever bytes are read: a client in the middle of a large frame is alive
 *                 too, and every byte counts against the connection's inbound limits
 * @param blocked  called after a read that (most likely) had to wait for the client's bytes
 */
record DataReaderSource(DataReader reader, IntConsumer progress, Runnable blocked) implements ByteSource {

    // A pull that took longer than this waited for the client, parked, not only copied what the kernel held.
    private static final long BLOCKED_NANOS = 50_000;

    @Override
    public int readAvailable(byte[] destination, int offset, int maxLength) {
        ensureAvailable();
        int chunk = Math.min(reader.available(), maxLength);
        reader.readBuffer(chunk).read(destination, offset, chunk);
        progress.accept(chunk);
        return chunk;
    }

    @Override
    public void readFully(byte[] destination, int offset, int length) {
        int position = offset;
        int remaining = length;
        // Chunk by chunk, so that a large payload is copied once and never gathered into a composite buffer.
        while (remaining > 0) {
            ensureAvailable();
            int chunk = Math.min(reader.available(), remaining);
            reader.readBuffer(chunk).read(destination, position, chunk);
            progress.accept(chunk);
            position += chunk;
            remaining -= chunk;
        }
    }

    // Helidon pulls the socket whenever its buffer is empty, whether the kernel holds more or not: only the time the
    // pull took tells whether the thread parked.
    private void ensureAvailable() {
        if (reader.available() > 0) {
            return;
        }
        long start = System.nanoTime();
        reader.ensureAvailable();
        if (System.nanoTime() - start > BLOCKED_NANOS) {
            blocked.run();
        }
    }
}
