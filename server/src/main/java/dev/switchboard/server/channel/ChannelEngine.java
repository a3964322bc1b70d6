package dev.switchboard.server.channel;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Session;

/**
 * What {@link LocalChannels} and {@link ClusterChannels} share: handles, the name and session checks, and the
 * operations a {@link ChannelHandle} calls by channel name.
 */
abstract class ChannelEngine implements ServerChannels {

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

    final String protocol() {
        return protocol;
    }

    abstract boolean join(String name, ChannelBacklog backlog, Session session, int maxMembers);

    abstract boolean leave(String name, Session session);

    abstract CompletionStage<Void> publish(String name, String text);

    abstract CompletionStage<Void> publish(String name, ByteBuffer data);

    abstract Set<Session> members(String name);

    abstract int memberCount(String name);

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
