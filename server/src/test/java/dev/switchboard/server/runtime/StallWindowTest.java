package dev.switchboard.server.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A protocol counts as stalling while its latest three stalls fall within a minute.
 */
class StallWindowTest {

    @Test
    void threeStallsWithinAMinuteMakeAProtocolStallingUntilTheOldestIsAMinuteOld() {
        AtomicLong clock = new AtomicLong(-5_000);
        StallWindow window = new StallWindow(clock::get);
        assertThat(window.keepsStalling(), is(false));
        window.stalled();
        clock.addAndGet(Duration.ofSeconds(20).toNanos());
        window.stalled();
        assertThat("two stalls are not yet a pattern", window.keepsStalling(), is(false));
        clock.addAndGet(Duration.ofSeconds(20).toNanos());
        window.stalled();
        assertThat(window.keepsStalling(), is(true));

        clock.addAndGet(Duration.ofSeconds(21).toNanos());
        assertThat("the first stall is over a minute old", window.keepsStalling(), is(false));
        window.stalled();
        assertThat("the latest three are within a minute again", window.keepsStalling(), is(true));
    }
}
