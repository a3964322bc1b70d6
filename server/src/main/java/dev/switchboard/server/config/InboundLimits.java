package dev.switchboard.server.config;

/**
 * How fast one client may send, counted per connection; 0 means no limit.
 *
 * @param framesPerSecond frames a second, every kind counted: data, continuation, ping, pong, close, empty or not
 *                        ({@code switchboard.max-frames-per-second})
 * @param bytesPerSecond  bytes a second as they arrive, frame headers included
 *                        ({@code switchboard.max-bytes-per-second})
 */
public record InboundLimits(long framesPerSecond, long bytesPerSecond) {

    /**
     * The default of {@code switchboard.max-frames-per-second}: twice what the busiest legitimate client measured sends
     * (the benchmark's flat-out mirror sender, ~77,000 messages a second), and a burst of that many covers Autobahn's
     * largest fragmented message (4 MiB in 64-byte fragments: 65,536 frames).
     */
    public static final long DEFAULT_FRAMES_PER_SECOND = 200_000;

    /** The default of {@code switchboard.max-bytes-per-second}: a burst of that many takes a 16 MiB message whole. */
    public static final long DEFAULT_BYTES_PER_SECOND = 64L << 20;

    /**
     * Creates the limits.
     *
     * @param framesPerSecond frames a second, 0 for no limit
     * @param bytesPerSecond  bytes a second, 0 for no limit
     */
    public InboundLimits {
        if (framesPerSecond < 0 || bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative limit: " + framesPerSecond + ", " + bytesPerSecond);
        }
    }
}
