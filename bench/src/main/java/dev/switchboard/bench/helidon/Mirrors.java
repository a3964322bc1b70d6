package dev.switchboard.bench.helidon;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import io.helidon.websocket.WsSession;

/**
 * {@code lws-mirror-protocol} for the raw Helidon server: every message to every member of its instance, sender
 * included, in one order per instance (a lock per instance), with Helidon's blocking {@code send}.
 */
final class Mirrors {

    private final Map<String, Set<WsSession>> instances = new ConcurrentHashMap<>();

    void join(String name, WsSession session) {
        instances.computeIfAbsent(name, n -> new CopyOnWriteArraySet<>()).add(session);
    }

    void leave(String name, WsSession session) {
        Set<WsSession> members = instances.get(name);
        if (members != null) {
            members.remove(session);
        }
    }

    void relay(String name, String text) {
        Set<WsSession> members = instances.get(name);
        if (members == null) {
            return;
        }
        synchronized (members) {
            for (WsSession member : members) {
                try {
                    member.send(text, true);
                } catch (RuntimeException e) {
                    // A member that is gone (Helidon may not have told us): drop it.
                    members.remove(member);
                }
            }
        }
    }
}
