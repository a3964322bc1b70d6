package dev.switchboard.server.connection;

import java.util.function.LongSupplier;

/**
 * A token bucket: a rate per second, with a burst of one second's worth. Taking more than the bucket holds tells how
 * long to wait; the caller waits, and that holds a client to the rate.
 *
 * <p>The clock is read only when the bucket runs dry, so taking costs a subtraction while a client stays within its
 * rate. Used by one thread.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    // A dry bucket waits until it holds a tenth of its burst again: a client over its rate is paused a tenth of a
    // second at a time rather than woken for every token.
    private static final int REFILL_STEPS = 10;

    private final long rate;
    private final LongSupplier clock;
    private long tokens;
    private long refilledNanos;

    /**
     * Creates a full bucket.
     *
     * @param ratePerSecond tokens added per second, and the most the bucket holds; at least 1
     * @param clock         {@link System#nanoTime()} or a test's clock
     */
    TokenBucket(long ratePerSecond, LongSupplier clock) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.rate = ratePerSecond;
        this.clock = clock;
        this.tokens = ratePerSecond;
        this.refilledNanos = clock.getAsLong();
    }

    /**
     * Takes tokens, into debt if need be.
     *
     * @param count tokens to take
     * @return nanoseconds to wait before going on, 0 if the bucket held them
     */
    long take(long count) {
        tokens -= count;
        if (tokens >= 0) {
            return 0;
        }
        refill();
        if (tokens >= 0) {
            return 0;
        }
        long wanted = rate / REFILL_STEPS - tokens;
        return Math.max(1, (long) ((double) wanted * NANOS_PER_SECOND / rate));
    }

    private void refill() {
        long now = clock.getAsLong();
        long elapsed = now - refilledNanos;
        // A second refills the whole burst: capped there, a long idle time cannot overflow the product.
        long added = (long) ((double) Math.min(elapsed, NANOS_PER_SECOND) * rate / NANOS_PER_SECOND);
        if (added > 0) {
            tokens = Math.min(rate, tokens + added);
            refilledNanos = now;
        }
    }
}
