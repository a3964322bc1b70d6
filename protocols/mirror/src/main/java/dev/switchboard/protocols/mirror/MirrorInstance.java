package dev.switchboard.protocols.mirror;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.Session;

/**
 * One mirror instance: its members and its backlog; libwebsockets' {@code struct mirror_instance}.
 *
 * <p>Every message is queued to all members under the instance lock, so concurrent senders are put in one order
 * that every member sees the same. The lock is held only while messages are queued: {@link Session#send} never
 * blocks, and a member that stops reading is closed by the server instead of holding up the others. A joiner gets
 * the backlog and becomes a member under the same lock, so it sees the backlog and then the live messages with
 * nothing missing and nothing twice.
 *
 * <p>Members are added and removed by {@link MirrorProtocol}, which decides under its own lock when an instance is
 * created and removed.
 */
final class MirrorInstance {

    private final ProtocolContext context;
    // Fair: senders take turns, so one that sends without pause cannot hold back the others' messages; an unfair
    // lock goes back to the thread that just released it nearly every time. Not synchronized: handlers run on
    // virtual threads, and on Java 21 one that waits for a monitor pins its carrier.
    private final ReentrantLock lock = new ReentrantLock(true);
    // Guarded by lock.
    private final Set<Session> members = new LinkedHashSet<>();
    private final Backlog backlog;

    MirrorInstance(ProtocolContext context, Backlog backlog) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.backlog = Objects.requireNonNull(backlog, "backlog is null");
    }

    /**
     * Relays a text message to every member, the sender included.
     *
     * @param text the message
     */
    void relay(String text) {
        // Copied for the backlog before taking the lock, so senders wait for each other only while queuing.
        MirrorMessage kept = backlog.keepsMessages() ? MirrorMessage.text(text) : null;
        lock.lock();
        try {
            keep(kept);
            context.broadcast(members, text);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Relays a binary message to every member, the sender included.
     *
     * @param data the message
     */
    void relay(ByteBuffer data) {
        MirrorMessage kept = backlog.keepsMessages() ? MirrorMessage.binary(data) : null;
        lock.lock();
        try {
            keep(kept);
            context.broadcast(members, data);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the backlog to a new member and adds it, so that the next message relayed reaches it too.
     *
     * @param session the new member
     */
    void join(Session session) {
        lock.lock();
        try {
            backlog.forEach(message -> message.sendTo(session));
            members.add(session);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a member. Removing one that is not a member does nothing.
     *
     * @param session the member
     * @return whether the instance has no member left
     */
    boolean leave(Session session) {
        lock.lock();
        try {
            members.remove(session);
            return members.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    // Called with the lock held.
    private void keep(MirrorMessage message) {
        if (message != null) {
            backlog.add(message);
        }
    }
}
