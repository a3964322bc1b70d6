package dev.switchboard.server.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out session ids unique within one server.
 */
public final class SessionIds {

    private final AtomicLong next = new AtomicLong(1);

    /**
     * The next id.
     *
     * @return e.g. {@code "s42"}
     */
    String next() {
        return "s" + next.getAndIncrement();
    }
}
