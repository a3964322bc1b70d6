package dev.switchboard.server.channel;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Session;

/**
 * A protocol's handle on a channel of {@link LocalChannels} or {@link ClusterChannels}: a name and the backlog a join
 * that brings the channel into being gives it. It holds no state of the channel, so it stays valid while the channel
 * comes and goes.
 */
record ChannelHandle(ChannelEngine<?> channels, String name, ChannelBacklog backlog) implements Channel {

    @Override
    public boolean join(Session session) {
        return channels.join(name, backlog, session, Integer.MAX_VALUE);
    }

    @Override
    public boolean join(Session session, int maxMembers) {
        if (maxMembers < 1) {
            throw new IllegalArgumentException("A channel's capacity is at least 1 member, not " + maxMembers);
        }
        return channels.join(name, backlog, session, maxMembers);
    }

    @Override
    public boolean leave(Session session) {
        return channels.leave(name, session);
    }

    @Override
    public CompletionStage<Void> publish(String text) {
        return channels.publish(name, text);
    }

    @Override
    public CompletionStage<Void> publish(ByteBuffer data) {
        return channels.publish(name, data);
    }

    @Override
    public Set<Session> members() {
        return channels.members(name);
    }

    @Override
    public int memberCount() {
        return channels.memberCount(name);
    }

    @Override
    public String toString() {
        return "channel '" + name + "'";
    }
}
