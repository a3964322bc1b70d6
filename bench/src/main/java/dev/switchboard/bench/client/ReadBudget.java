package dev.switchboard.bench.client;

/**
 * The token bucket of a connection held to a read rate: bytes accrue at the rate, up to a twentieth of a second's
 * worth, and each read spends what it took. On the loop's thread only.
 */
final class ReadBudget {

    // The largest read: a slow client reads ~50 ms of data at a time, as one on a slow link does, and over any second
    // it reads at most 5% over its rate.
    private static final double BURST_SECONDS = 0.05;

    private final long bytesPerSecond;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    /**
     * A full bucket.
     *
     * @param bytesPerSecond the rate, at least 1
     * @param now            {@link System#nanoTime()}
     */
    ReadBudget(long bytesPerSecond, long now) {
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = Math.max(1, bytesPerSecond * BURST_SECONDS);
        this.tokens = capacity;
        this.lastNanos = now;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    // Bytes a read may take now.
    int available(long now) {
        tokens = Math.min(capacity, tokens + (now - lastNanos) * (bytesPerSecond / 1e9));
        lastNanos = now;
        return (int) tokens;
    }

    // Spends what a read took; returns whether the budget is out (less than a byte left).
    boolean spend(int bytes) {
        tokens -= bytes;
        return tokens < 1;
    }

    // When the bucket is full again, for a reader that stopped at now: it then reads a whole burst at once.
    long refilledAt(long now) {
        return now + (long) Math.ceil((capacity - tokens) / bytesPerSecond * 1e9);
    }
}
