package dev.switchboard.testplugins;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Session;

/**
 * The handler of test plugins whose point is elsewhere (a handshake hook, say): answers each text with itself after
 * a prefix, such as {@code moody:}, that tells a test which plugin answered.
 *
 * @param session the session it answers
 * @param prefix  what goes before each answer, maybe empty
 */
public record PrefixedEcho(Session session, String prefix) implements MessageHandler {

    @Override
    public void onText(String text) {
        session.send(prefix + text);
    }
}
