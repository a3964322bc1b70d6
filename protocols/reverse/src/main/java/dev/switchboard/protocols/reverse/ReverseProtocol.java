package dev.switchboard.protocols.reverse;

import java.util.Objects;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;

/**
 * The running {@code reverse} protocol. Connections share nothing, so all state lives in each
 * {@link ReverseHandler}.
 */
final class ReverseProtocol implements Protocol {

    @Override
    public MessageHandler open(Session session) {
        return new ReverseHandler(Objects.requireNonNull(session, "session is null"));
    }
}
