package dev.switchboard.server.connection;

import dev.switchboard.server.frame.ByteSource;

import io.helidon.common.buffers.DataReader;

/**
 * The frame reader's view of Helidon's connection reader, which already holds any bytes the client sent right
 * after its handshake.
 */
final class DataReaderSource implements ByteSource {

    private final DataReader reader;
    private final Runnable progress;

    /**
     * Creates the source.
     *
     * @param reader   the connection's reader
     * @param progress called whenever bytes arrive: a client in the middle of a large frame is alive too
     */
    DataReaderSource(DataReader reader, Runnable progress) {
        this.reader = reader;
        this.progress = progress;
    }

    @Override
    public int readAvailable(byte[] destination, int offset, int maxLength) {
        reader.ensureAvailable();
        int chunk = Math.min(reader.available(), maxLength);
        reader.readBuffer(chunk).read(destination, offset, chunk);
        progress.run();
        return chunk;
    }

    @Override
    public void readFully(byte[] destination, int offset, int length) {
        int position = offset;
        int remaining = length;
        // Chunk by chunk, so that a large payload is copied once and never gathered into a composite buffer.
        while (remaining > 0) {
            reader.ensureAvailable();
            int chunk = Math.min(reader.available(), remaining);
            reader.readBuffer(chunk).read(destination, position, chunk);
            progress.run();
            position += chunk;
            remaining -= chunk;
        }
    }
}
