package dev.switchboard.protocols.reverse;

import java.nio.ByteBuffer;
import java.util.Objects;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Session;

/**
 * One connection of the {@code reverse} protocol: answers each message with its reversal, on the same session.
 */
final class ReverseHandler implements MessageHandler {

    private final Session session;

    ReverseHandler(Session session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    @Override
    public void onText(String text) {
        session.send(GraphemeReversal.reverse(text));
    }

    @Override
    public void onBinary(ByteBuffer data) {
        session.send(ByteReversal.reverse(data));
    }
}
