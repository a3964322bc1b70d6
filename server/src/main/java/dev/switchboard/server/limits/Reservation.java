package dev.switchboard.server.limits;

/**
 * The outcome of asking {@link SessionSlots} for a slot.
 */
public sealed interface Reservation {

    /**
     * A slot is held for the handshake; it must be released exactly when the session ends, or at once if the
     * handshake goes no further.
     *
     * @param slot the slot
     */
    record Granted(SessionSlot slot) implements Reservation {
    }

    /**
     * Every slot of a limit is taken.
     *
     * @param status            503 when the server or the protocol is full, 429 when the client's address has used
     *                          its share
     * @param reason            one line for the client, naming the limit's key and value
     * @param retryAfterSeconds what to send as {@code Retry-After}
     */
    record Refused(int status, String reason, int retryAfterSeconds) implements Reservation {
    }
}
