package dev.switchboard.server.connection;

/**
 * A token bucket: a rate per second, with a burst of one second's worth. Taking more than the bucket holds tells how
 * long to wait; the caller waits, and that holds a client to the rate.
 *
 * <p>The caller passes the time, which the reader has at hand already (it notes when bytes arrive), so taking costs a
 * few arithmetic operations and no clock read. Used by one thread.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;
    // A dry bucket waits until it holds a tenth of its burst again: a client over its rate is paused a tenth of a
    // second at a time rather than woken for every token.
    private static final int REFILL_STEPS = 10;

    private final long rate;
    private long tokens;
    private long refilledNanos;

    /**
     * Creates a full bucket.
     *
     * @param ratePerSecond tokens added per second, and the most the bucket holds; at least 1
     * @param nowNanos      {@link System#nanoTime()} now
     */
    TokenBucket(long ratePerSecond, long nowNanos) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.rate = ratePerSecond;
        this.tokens = ratePerSecond;
        this.refilledNanos = nowNanos;
    }

    /**
     * Takes tokens, into debt if need be.
     *
     * @param count    tokens to take
     * @param nowNanos {@link System#nanoTime()} now, never earlier than the previous call's
     * @return nanoseconds to wait before going on, 0 if the bucket held them
     */
    long take(long count, long nowNanos) {
        refill(nowNanos);
        tokens -= count;
        if (tokens >= 0) {
            return 0;
        }
        long wanted = rate / REFILL_STEPS - tokens;
        return Math.max(1, (long) (wanted * NANOS_PER_SECOND / rate));
    }

    private void refill(long nowNanos) {
        if (tokens == rate) {
            // Full: the time it stayed full earns nothing.
            refilledNanos = nowNanos;
            return;
        }
        // In floating point: the product of a long pause and a high rate would overflow a long.
        long added = (long) ((nowNanos - refilledNanos) * (rate / NANOS_PER_SECOND));
        if (added > 0) {
            tokens = Math.min(rate, tokens + added);
            // Advanced by the time the tokens added stand for, so the fraction of a token left over is not lost.
            refilledNanos = tokens == rate ? nowNanos : refilledNanos + (long) (added * NANOS_PER_SECOND / rate);
        }
    }
}
