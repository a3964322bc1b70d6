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

    abstract boolean join(String name, ChannelBacklog backlog, Session session, int maxMembers);

    abstract boolean leave(String name, Session session);

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
