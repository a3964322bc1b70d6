package dev.switchboard.bench.client;

/**
 * Bytes on the wire against bytes of messages, both ways, for the connections of one {@link EventLoop}: what
 * compression saves, and what framing costs. Only touched on the loop's thread; read a copy with
 * {@link EventLoop#call}.
 */
public final class Traffic {

    long wireIn;
    long wireOut;
    long messagesIn;
    long messagesOut;
    long messageBytesIn;
    long messageBytesOut;
    long compressedIn;
    long compressedOut;

    /**
     * The counts so far, frozen.
     *
     * @return a copy
     */
    public Counts counts() {
        return new Counts(wireIn, wireOut, messagesIn, messagesOut, messageBytesIn, messageBytesOut, compressedIn,
                          compressedOut);
    }

    /**
     * Counts of a loop, or of several added, or of a window (one subtracted from another).
     *
     * @param wireIn          bytes read from sockets (frames with their headers, and handshakes)
     * @param wireOut         bytes written to sockets
     * @param messagesIn      data messages received
     * @param messagesOut     data messages sent
     * @param messageBytesIn  their payload bytes, inflated
     * @param messageBytesOut payload bytes of the messages sent, before compression
     * @param compressedIn    messages received compressed (RSV1)
     * @param compressedOut   messages sent compressed
     */
    public record Counts(long wireIn, long wireOut, long messagesIn, long messagesOut, long messageBytesIn,
                         long messageBytesOut, long compressedIn, long compressedOut) {

        /** Nothing counted. */
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        /**
         * The sum.
         *
         * @param other counts to add
         * @return this plus other
         */
        public Counts plus(Counts other) {
            return new Counts(wireIn + other.wireIn, wireOut + other.wireOut, messagesIn + other.messagesIn,
                              messagesOut + other.messagesOut, messageBytesIn + other.messageBytesIn,
                              messageBytesOut + other.messageBytesOut, compressedIn + other.compressedIn,
                              compressedOut + other.compressedOut);
        }

        /**
         * The difference: what was counted since {@code earlier}.
         *
         * @param earlier counts taken before
         * @return this minus earlier
         */
        public Counts minus(Counts earlier) {
            return new Counts(wireIn - earlier.wireIn, wireOut - earlier.wireOut, messagesIn - earlier.messagesIn,
                              messagesOut - earlier.messagesOut, messageBytesIn - earlier.messageBytesIn,
                              messageBytesOut - earlier.messageBytesOut, compressedIn - earlier.compressedIn,
                              compressedOut - earlier.compressedOut);
        }
    }
}
