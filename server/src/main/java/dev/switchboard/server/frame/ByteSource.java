package dev.switchboard.server.frame;

/**
 * The bytes a {@link FrameReader} reads from: the client's side of one connection.
 *
 * <p>Reads block until the bytes have arrived. End of stream and I/O failures are reported with the implementation's
 * own unchecked exceptions; the frame layer lets them pass through untouched.
 */
@FunctionalInterface
public interface ByteSource {

    /**
     * Reads exactly {@code length} bytes, blocking until all of them have arrived.
     *
     * @param destination the array to fill
     * @param offset      where the first byte goes
     * @param length      how many bytes to read, at least 1
     */
    void readFully(byte[] destination, int offset, int length);

    /**
     * Reads what has arrived, at least one byte and at most {@code maxLength}, blocking only until one byte is there.
     * The frame reader checks a text payload piece by piece as it arrives with this. The default reads exactly
     * {@code maxLength} bytes.
     *
     * @param destination the array to fill
     * @param offset      where the first byte goes
     * @param maxLength   the most bytes to read, at least 1
     * @return how many bytes were read
     */
    default int readAvailable(byte[] destination, int offset, int maxLength) {
        readFully(destination, offset, maxLength);
        return maxLength;
    }
}
