package dev.switchboard.protocols.dumbincrement;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.api.Session;

/**
 * The number a connection receives next: libwebsockets' {@code pss->number}.
 *
 * <p>The timer thread sends and increments it while the connection's handler thread may reset it, so it is an
 * {@link AtomicLong}: every number is sent at most once, and after a reset the next one sent is "0". A long does
 * not wrap in any realistic uptime, unlike the C plugin's {@code int}.
 *
 * <p>Numbers are offered ({@link Session#offer(String)}), not sent: a client that reads slower than the ticks come
 * skips ticks while its queue is above the high-water mark, instead of being closed as a slow consumer when its
 * queue overflows. A skipped tick does not count, so the numbers a client receives stay consecutive, as with
 * libwebsockets, which increments only when it writes.
 */
final class SessionCounter {

    private final Session session;
    private final AtomicLong next = new AtomicLong();

    SessionCounter(Session session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    /**
     * Offers the current number as decimal text and, once it is queued, moves on to the following one. Never
     * blocks; a client that is behind gets nothing this tick.
     */
    void sendNext() {
        long number = next.get();
        if (session.offer(Long.toString(number))) {
            // A reset meanwhile wins: the next number is then "0".
            next.compareAndSet(number, number + 1);
        }
    }

    /**
     * Starts again from zero.
     */
    void reset() {
        next.set(0);
    }
}
