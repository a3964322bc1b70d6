package dev.switchboard.server.channel;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import dev.switchboard.api.Session;

/**
 * A channel as one node holds it: its members on this node, the lock that guards them, and whether it has vanished
 * with its last member here. {@link LiveChannel} and {@link ClusterChannel} differ in how members join and how
 * messages reach them.
 */
abstract class ChannelOnNode {

    final ReentrantLock lock;
    // Guarded by lock: set once the channel lost its last member on this node.
    boolean vanished;

    ChannelOnNode(boolean fairLock) {
        this.lock = new ReentrantLock(fairLock);
    }

    /**
     * Adds a member, in the way of the channel.
     *
     * @param member the session
     * @return {@code false} if it was a member already
     */
    abstract boolean add(ChannelMember member);

    // The members in joining order, read and changed only with the lock held.
    abstract Set<? extends Session> memberSet();

    // Called with the lock held once the channel vanished: lets go of what waits for it.
    abstract void vanishing();

    /**
     * Removes a member.
     *
     * @param member the session
     * @return {@code false} if it was not a member
     */
    final boolean remove(Session member) {
        lock.lock();
        try {
            return memberSet().remove(member);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the channel vanished if it has no member left on this node.
     *
     * @return {@code true} if it vanished now
     */
    final boolean vanishIfEmpty() {
        lock.lock();
        try {
            if (!memberSet().isEmpty()) {
                return false;
            }
            vanished = true;
            vanishing();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The members on this node.
     *
     * @return a snapshot
     */
    final Set<Session> members() {
        lock.lock();
        try {
            return Collections.unmodifiableSet(new LinkedHashSet<Session>(memberSet()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many members are on this node.
     *
     * @return the count
     */
    final int memberCount() {
        lock.lock();
        try {
            return memberSet().size();
        } finally {
            lock.unlock();
        }
    }
}
