package dev.switchboard.server.connection;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The token bucket's arithmetic, on a clock the test moves. */
class TokenBucketTest {

    private long now = 1_000_000_000L;
    private final TokenBucket bucket = new TokenBucket(1000, now);

    @Test
    void aFullBucketGivesOneSecondsWorthWithoutWaiting() {
        for (int i = 0; i < 1000; i++) {
            assertThat(bucket.take(1, now), is(0L));
        }
    }

    @Test
    void aDryBucketAsksToWaitUntilATenthOfItsBurstIsBack() {
        assertThat(bucket.take(1000, now), is(0L));
        assertDry();
    }

    @Test
    void waitingRefillsAtTheRate() {
        bucket.take(1000, now);
        now += TimeUnit.MILLISECONDS.toNanos(50);
        assertThat(bucket.take(50, now), is(0L));
        assertDry();
    }

    @Test
    void anIdleBucketHoldsNoMoreThanItsBurst() {
        now += TimeUnit.HOURS.toNanos(1);
        assertThat(bucket.take(1000, now), is(0L));
        assertDry();
    }

    @Test
    void fractionsOfATokenAddUp() {
        bucket.take(1000, now);
        for (int i = 0; i < 10; i++) {
            now += TimeUnit.MICROSECONDS.toNanos(500);
            bucket.take(0, now);
        }
        assertThat(bucket.take(5, now), is(0L));
        assertDry();
    }

    /** Empty: one token more goes into debt, 101 tokens to go to hold 100, at 1 ms each. */
    private void assertDry() {
        assertThat(bucket.take(1, now), is(TimeUnit.MILLISECONDS.toNanos(101)));
    }
}
