package dev.switchboard.protocols.dumbincrement;

import java.util.Objects;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Session;

/**
 * One connection of the {@code dumb-increment-protocol}: handles the two commands a client may send.
 *
 * <p>Commands are matched by prefix, as libwebsockets' test client sends them; shorter text, any other text and
 * binary messages are ignored.
 */
final class DumbIncrementHandler implements MessageHandler {

    /** Text that starts with this sets the connection's counter back to zero. */
    static final String RESET = "reset\n";
    /** Text that starts with this closes the connection with {@link #SEEYA}. */
    static final String CLOSEME = "closeme\n";
    /** 1001 "seeya", the status libwebsockets closes with. */
    static final CloseStatus SEEYA = CloseStatus.of(1001, "seeya");

    private final Session session;
    private final SessionCounter counter;
    private final Runnable leaveSlot;

    DumbIncrementHandler(Session session, SessionCounter counter, Runnable leaveSlot) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.counter = Objects.requireNonNull(counter, "counter is null");
        this.leaveSlot = Objects.requireNonNull(leaveSlot, "leaveSlot is null");
    }

    @Override
    public void onText(String text) {
        if (text.startsWith(RESET)) {
            counter.reset();
        } else if (text.startsWith(CLOSEME)) {
            session.close(SEEYA);
        }
    }

    @Override
    public void onClose(CloseStatus status) {
        leaveSlot.run();
    }
}
