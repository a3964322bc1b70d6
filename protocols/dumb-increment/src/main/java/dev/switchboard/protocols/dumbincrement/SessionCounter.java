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
 */
final class SessionCounter {

    private final Session session;
    private final AtomicLong next = new AtomicLong();

    SessionCounter(Session session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    /**
     * Sends the current number as decimal text and moves on to the following one. Never blocks: the session
     * queues the message.
     */
    void sendNext() {
        session.send(Long.toString(next.getAndIncrement()));
    }

    /**
     * Starts again from zero.
     */
    void reset() {
        next.set(0);
    }
}
