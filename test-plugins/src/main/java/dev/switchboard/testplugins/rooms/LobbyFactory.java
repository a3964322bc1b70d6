package dev.switchboard.testplugins.rooms;

import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code lobby}, packed in the {@code rooms} jar: a session of another protocol for {@code rooms} to try to
 * join to its channels. It greets each session with {@code lobby} and ignores what it receives. No options.
 */
public final class LobbyFactory extends TestProtocolFactory {

    // The one piece of static state in the test plugins, on purpose: the server creates the two factories of a jar
    // apart, so their class loader is all they share, and the rooms protocol needs a real session of another
    // protocol. Set before the greeting, so a client that has read it knows its session is the latest.
    private static final AtomicReference<Session> LATEST = new AtomicReference<>();

    public LobbyFactory() {
        super("lobby", context -> session -> {
            LATEST.set(session);
            session.send("lobby");
            return new MessageHandler() {
            };
        });
    }

    /** The lobby's latest session, or null before the first. */
    static Session latestSession() {
        return LATEST.get();
    }
}
