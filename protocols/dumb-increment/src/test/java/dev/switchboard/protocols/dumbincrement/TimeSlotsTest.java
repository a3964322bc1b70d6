package dev.switchboard.protocols.dumbincrement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeSlotsTest {

    static Stream<Arguments> slotsOfIntervals() {
        return Stream.of(
                Arguments.of("cuts the default interval into ten slots", Duration.ofMillis(50), 10,
                             Duration.ofMillis(5)),
                Arguments.of("keeps ten slots for long intervals", Duration.ofDays(365_000), 10,
                             Duration.ofDays(36_500)),
                Arguments.of("uses one slot for intervals under one millisecond", Duration.ofNanos(500_000), 1,
                             Duration.ofNanos(500_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slotsOfIntervals")
    void cutsAnIntervalIntoSlots(String shows, Duration interval, int count, Duration tick) {
        TimeSlots<String> slots = TimeSlots.forInterval(interval);

        assertEquals(count, slots.count());
        assertEquals(tick, slots.tick());
    }

    @Test
    void usesFewerSlotsRatherThanTicksUnderOneMillisecond() {
        assertEquals(10, TimeSlots.forInterval(Duration.ofMillis(10)).count());
        assertEquals(9, TimeSlots.forInterval(Duration.ofMillis(9)).count());
        assertEquals(9, TimeSlots.forInterval(Duration.ofNanos(9_500_000)).count());
        assertEquals(5, TimeSlots.forInterval(Duration.ofMillis(5)).count());
        assertEquals(Duration.ofMillis(1), TimeSlots.forInterval(Duration.ofMillis(5)).tick());
    }

    @Test
    void refusesZeroInterval() {
        assertThrows(IllegalArgumentException.class, () -> TimeSlots.forInterval(Duration.ZERO));
    }

    @Test
    void servesEachMemberOncePerRound() {
        TimeSlots<String> slots = TimeSlots.forInterval(Duration.ofMillis(50));
        slots.join("a");
        slots.join("b");

        List<String> served = new ArrayList<>();
        for (int tick = 0; tick < 3 * slots.count(); tick++) {
            slots.serveNext(served::add);
        }

        assertEquals(List.of("a", "a", "a", "b", "b", "b"), served.stream().sorted().toList());
    }

    @Test
    void firstTurnOfNewMemberComesOneRoundAfterJoining() {
        TimeSlots<String> slots = TimeSlots.forInterval(Duration.ofMillis(50));
        slots.serveNext(member -> { });
        slots.serveNext(member -> { });
        int joined = slots.join("late");

        assertEquals(1, joined);
        assertEquals(slots.count(), ticksUntilServed(slots, "late"));
        assertEquals(slots.count(), ticksUntilServed(slots, "late"));
    }

    @Test
    void memberJoiningBeforeFirstTickWaitsOneRound() {
        TimeSlots<String> slots = TimeSlots.forInterval(Duration.ofMillis(50));
        slots.join("early");

        assertEquals(slots.count(), ticksUntilServed(slots, "early"));
    }

    @Test
    void memberJoiningDuringTickIsNotServedInThatTick() {
        TimeSlots<String> slots = TimeSlots.forInterval(Duration.ofMillis(50));
        slots.join("present");
        List<String> served = new ArrayList<>();

        for (int tick = 0; tick < slots.count(); tick++) {
            slots.serveNext(member -> {
                served.add(member);
                slots.join("newcomer");
            });
        }

        assertEquals(List.of("present"), served);
    }

    @Test
    void memberThatLeftIsNotServed() {
        TimeSlots<String> slots = TimeSlots.forInterval(Duration.ofMillis(50));
        int slot = slots.join("gone");
        slots.join("stays");
        slots.leave(slot, "gone");
        slots.leave(slot, "gone");

        List<String> served = new ArrayList<>();
        for (int tick = 0; tick < slots.count(); tick++) {
            slots.serveNext(served::add);
        }

        assertEquals(List.of("stays"), served);
    }

    private static int ticksUntilServed(TimeSlots<String> slots, String member) {
        for (int tick = 1; tick <= 2 * slots.count(); tick++) {
            List<String> served = new ArrayList<>();
            slots.serveNext(served::add);
            if (served.contains(member)) {
                return tick;
            }
        }
        return -1;
    }
}
