package dev.switchboard.server.channel;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Session;

/**
 * What {@link LocalChannels} and {@link ClusterChannels} share: handles, the name and session checks, the channels
 * with members on this node and each session's channel names (so that a session that ends leaves them all without a
 * look at every channel), and the operations a {@link ChannelHandle} calls by channel name.
 *
 * @param <C> the engine's channel
 */
abstract class ChannelEngine<C extends ChannelOnNode> implements ServerChannels {

    // A channel is here exactly while it has members on this node.
    final ConcurrentHashMap<String, C> live = new ConcurrentHashMap<>();
    // Updated inside the update of live for the channel's name, so the two agree for every name.
    private final ConcurrentHashMap<ChannelMember, Set<String>> memberships = new ConcurrentHashMap<>();
    private final String protocol;
    private final Predicate<Session> ownSession;

    ChannelEngine(String protocol, Predicate<Session> ownSession) {
        this.protocol = Objects.requireNonNull(protocol, "protocol is null");
        this.ownSession = Objects.requireNonNull(ownSession, "ownSession is null");
    }

    @Override
    public final Channel channel(String name, ChannelBacklog backlog) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(backlog, "backlog is null");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A channel name has 1 to " + MAX_NAME_LENGTH + " chars; this one has "
                                                       + name.length());
        }
        return new ChannelHandle(this, name, backlog);
    }

    @Override
    public final Set<String> names() {
        return Set.copyOf(live.keySet());
    }

    @Override
    public final int count() {
        return live.size();
    }

    @Override
    public final void leaveAll(Session session) {
        Set<String> names = memberships.remove(session);
        if (names != null) {
            names.forEach(name -> leave(name, session));
        }
    }

    final String protocol() {
        return protocol;
    }

    // Called inside the update of live for the name.
    final void joined(ChannelMember member, String name) {
        memberships.computeIfAbsent(member, m -> ConcurrentHashMap.newKeySet()).add(name);
    }

    // Called inside the update of live for the name, once the session has left it.
    final void left(Session session, String name) {
        if (session instanceof ChannelMember member) {
            memberships.computeIfPresent(member, (m, names) -> {
                names.remove(name);
                return names.isEmpty() ? null : names;
            });
        }
    }

    /**
     * Adds a session to a channel: inside the update of live for the name, so a join racing the last leave lands in a
     * channel that stays, never in one just removed; then {@link #settle} completes it outside of that update.
     *
     * @return {@code true} if it joined, {@code false} if it was a member already, the channel is full or the session
     *         is no longer open (nothing happened)
     */
    final boolean join(String name, ChannelBacklog backlog, Session session, int maxMembers) {
        ChannelMember member = member(session);
        if (!member.isOpen()) {
            return false;
        }
        boolean[] joined = new boolean[1];
        C channel = live.compute(name, (key, existing) -> {
            C found = existing != null ? existing : open(key, backlog);
            // Joins and leaves of one name run one at a time in this update: the count cannot change under the check.
            joined[0] = found.memberCount() < maxMembers && found.add(member);
            if (joined[0]) {
                joined(member, key);
            }
            return found;
        });
        if (!joined[0] || !settle(channel, name, backlog, member)) {
            return false;
        }
        if (!member.isOpen()) {
            // It ended while joining: leaveAll may have run before this membership was there to be found. As the
            // contract says of a session no longer open, nothing happened.
            leave(name, member);
            return false;
        }
        return true;
    }

    /**
     * Removes a session from a channel, and the channel with its last member on this node.
     *
     * @return {@code false} if it was not a member
     */
    final boolean leave(String name, Session session) {
        boolean[] left = new boolean[1];
        live.computeIfPresent(name, (key, channel) -> {
            left[0] = channel.remove(session);
            if (left[0]) {
                left(session, key);
            }
            if (channel.vanishIfEmpty()) {
                vanished(key);
                return null;
            }
            return channel;
        });
        return left[0];
    }

    // Called inside the update of live for the name: a new channel for its first joiner, which always gets in (a
    // channel's capacity is at least 1).
    abstract C open(String name, ChannelBacklog backlog);

    // Called once the member is in the channel, outside of the update of live: false if the join was undone.
    abstract boolean settle(C channel, String name, ChannelBacklog backlog, ChannelMember member);

    // Called inside the update of live for the name, as the channel vanished from this node.
    abstract void vanished(String name);

    abstract CompletionStage<Void> publish(String name, String text);

    abstract CompletionStage<Void> publish(String name, ByteBuffer data);

    final Set<Session> members(String name) {
        C channel = live.get(name);
        return channel == null ? Set.of() : channel.members();
    }

    final int memberCount(String name) {
        C channel = live.get(name);
        return channel == null ? 0 : channel.memberCount();
    }

    final ChannelMember member(Session session) {
        Objects.requireNonNull(session, "session is null");
        if (session instanceof ChannelMember member && ownSession.test(session)) {
            return member;
        }
        throw new IllegalArgumentException("Session " + session.id() + " (" + session.subprotocol()
                                                   + ") is not a session of protocol " + protocol
                                                   + ": it cannot join its channels");
    }
}
