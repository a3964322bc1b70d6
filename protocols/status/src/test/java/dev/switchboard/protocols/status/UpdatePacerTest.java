package dev.switchboard.protocols.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pacing rules on a hand-driven clock and timer, where the real server's timing would make them hard to pin
 * down: leading edge, one trailing update per quiet period, at last update plus the interval.
 */
class UpdatePacerTest {

    private static final long MS = 1_000_000;

    private long now = 1_000 * MS;
    private final List<Long> updates = new ArrayList<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final UpdatePacer pacer = new UpdatePacer(Duration.ofMillis(250), this::schedule, () -> now,
                                                      () -> updates.add(now));

    private record Scheduled(Runnable task, long dueNanos) {
    }

    @Test
    void anIsolatedChangeIsSentAtOnce() {
        pacer.changed();

        assertEquals(List.of(1_000 * MS), updates);
        assertEquals(List.of(), scheduled);
    }

    @Test
    void changesWithinTheIntervalBecomeOneTrailingUpdateAtTheIntervalsEnd() {
        changesAt(1_000, 1_010, 1_020, 1_020);

        assertEquals(1, updates.size());
        assertEquals(1, scheduled.size());
        assertEquals(1_250 * MS, scheduled.getFirst().dueNanos());

        runNextScheduled();
        assertEquals(List.of(1_000 * MS, 1_250 * MS), updates);
    }

    @Test
    void aChangeAfterTheTrailingUpdateWaitsForTheNextIntervalsEnd() {
        changesAt(1_000, 1_100);
        runNextScheduled();
        changesAt(1_300);

        assertEquals(List.of(1_000 * MS, 1_250 * MS), updates);
        assertEquals(1_500 * MS, scheduled.getFirst().dueNanos());
    }

    @Test
    void aChangeAfterAQuietIntervalIsSentAtOnceAgain() {
        changesAt(1_000, 1_250, 2_250);

        assertEquals(List.of(1_000 * MS, 1_250 * MS, 2_250 * MS), updates);
        assertEquals(List.of(), scheduled);
    }

    @Test
    void aSteadyStreamOfChangesGivesOneUpdatePerInterval() {
        for (int i = 0; i < 100; i++) {
            if (!scheduled.isEmpty() && scheduled.getFirst().dueNanos() <= now) {
                runNextScheduled();
            }
            pacer.changed();
            now += 10 * MS;
        }
        // One second of changes every 10 ms: the leading update and then one every 250 ms.
        assertEquals(List.of(1_000 * MS, 1_250 * MS, 1_500 * MS, 1_750 * MS), updates);
        // The changes after the last update still get theirs.
        assertEquals(2_000 * MS, scheduled.getFirst().dueNanos());
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class,
                     () -> new UpdatePacer(Duration.ZERO, this::schedule, () -> now, () -> { }));
    }

    // A change at each of the given times, in ms on the hand-driven clock, which starts at 1_000.
    private void changesAt(long... millis) {
        for (long at : millis) {
            now = at * MS;
            pacer.changed();
        }
    }

    private void schedule(Runnable task, Duration delay) {
        scheduled.add(new Scheduled(task, now + delay.toNanos()));
    }

    private void runNextScheduled() {
        Scheduled next = scheduled.removeFirst();
        now = Math.max(now, next.dueNanos());
        next.task().run();
    }
}
