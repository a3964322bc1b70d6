package dev.switchboard.server.frame;

import java.io.EOFException;
import java.io.UncheckedIOException;

/**
 * A {@link ByteSource} over bytes already in memory; running out of them ends the stream, as a closed socket would.
 */
final class InMemorySource implements ByteSource {

    private final byte[] bytes;
    private int position;

    InMemorySource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void readFully(byte[] destination, int offset, int length) {
        if (length > bytes.length - position) {
            throw new UncheckedIOException(new EOFException("end of stream after " + bytes.length + " bytes"));
        }
        System.arraycopy(bytes, position, destination, offset, length);
        position += length;
    }

    /**
     * How many bytes have not been read yet.
     */
    int remaining() {
        return bytes.length - position;
    }
}
