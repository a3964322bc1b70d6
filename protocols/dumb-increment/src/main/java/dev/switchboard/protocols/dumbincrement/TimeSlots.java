package dev.switchboard.protocols.dumbincrement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Serves any number of members once per interval with a single timer.
 *
 * <p>One timer per connection would mean 10,000 scheduled tasks for 10,000 connections, and one timer for all
 * connections would send every frame of every connection in the same instant. Instead the interval is cut into
 * {@link #count()} slots; a timer fires once per {@link #tick()} and serves the next slot in round robin, so each
 * slot, and each member in it, comes round once per interval. A member joins the slot that was served last, so its
 * first turn comes about one interval after it joined.
 *
 * <p>{@link #serveNext(Consumer)} is called by the timer alone, one run at a time; {@link #join(Object)} and
 * {@link #leave(int, Object)} may be called from any thread at any time.
 *
 * @param <T> the member type
 */
final class TimeSlots<T> {

    /**
     * Slots per interval. Ten spreads the sends of N connections into bursts of about N / 10 and keeps the timer
     * at ten wake-ups per interval, whatever N is; more slots smooth the load little more while waking the timer
     * more often. It also bounds how early a new member's first turn can come: within one tenth of an interval.
     */
    static final int SLOTS = 10;

    /**
     * The shortest tick. Shorter periods are below what the scheduler can keep to and spend the timer thread on
     * wake-ups, so short intervals get fewer slots instead.
     */
    static final Duration MIN_TICK = Duration.ofMillis(1);

    private final List<Set<T>> slots;
    private final Duration tick;
    // Written by the timer only once it has walked the slot, so a joining member does not land in the slot the
    // timer is walking and get its first turn right away.
    private volatile int lastServed;

    private TimeSlots(int count, Duration tick) {
        this.slots = new ArrayList<>(count);
        for (int slot = 0; slot < count; slot++) {
            slots.add(ConcurrentHashMap.newKeySet());
        }
        this.tick = tick;
        // The first tick serves slot 0, so members that join before it wait a whole round like all others.
        this.lastServed = count - 1;
    }

    /**
     * Creates empty slots for an interval: {@value #SLOTS} of them, or as many as keep each tick at least
     * {@link #MIN_TICK} long, and at least one.
     *
     * @param interval the time between two turns of one member, longer than zero
     * @param <T>      the member type
     * @return the slots
     */
    static <T> TimeSlots<T> forInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be longer than zero, got " + interval);
        }
        // Compared as durations rather than nanoseconds, which overflow for intervals of some 292 years.
        int count = interval.compareTo(MIN_TICK.multipliedBy(SLOTS)) >= 0
                ? SLOTS
                : (int) Math.max(1, interval.dividedBy(MIN_TICK));
        return new TimeSlots<>(count, interval.dividedBy(count));
    }

    /**
     * The number of slots.
     *
     * @return between 1 and {@value #SLOTS}
     */
    int count() {
        return slots.size();
    }

    /**
     * The period of the timer that calls {@link #serveNext(Consumer)}: the interval divided by {@link #count()}.
     *
     * @return the tick period
     */
    Duration tick() {
        return tick;
    }

    /**
     * Adds a member to the slot served last.
     *
     * @param member the member
     * @return the slot joined, to pass to {@link #leave(int, Object)}
     */
    int join(T member) {
        Objects.requireNonNull(member, "member is null");
        int slot = lastServed;
        slots.get(slot).add(member);
        return slot;
    }

    /**
     * Removes a member. Leaving twice does nothing.
     *
     * @param slot   the slot {@link #join(Object)} returned
     * @param member the member
     */
    void leave(int slot, T member) {
        slots.get(slot).remove(member);
    }

    /**
     * Serves every member of the next slot in round robin. A member that joins or leaves meanwhile may or may
     * not be served.
     *
     * @param action what to do for each member
     */
    void serveNext(Consumer<? super T> action) {
        int slot = (lastServed + 1) % slots.size();
        slots.get(slot).forEach(action);
        lastServed = slot;
    }
}
