package dev.switchboard.api;

import java.util.Set;

/**
 * A protocol's named channels, from {@link ProtocolContext#channels()}: groups of sessions that receive the same
 * messages in the same order, what a chat room, a game lobby, a ticker or a mirror instance is.
 *
 * <p>A channel exists while it has members: the first {@link Channel#join(Session) join} brings it into being and it
 * vanishes, backlog included, when its last member leaves or closes. A {@link Channel} handle stays valid through
 * that: joining through it again starts a new channel of the same name.
 *
 * <p>Channels belong to one protocol: two protocols that use the same name have two channels. All methods are safe
 * to call from any thread and never block on a client. A protocol needs no lock of its own around joining, leaving
 * and publishing.
 *
 * <p>The server may run channels on one node or across a cluster; the rules stated here and in {@link Channel} hold
 * for both, so a protocol written against them runs unchanged on either. Where the two differ the javadoc says so.
 */
public interface Channels {

    /** The longest channel name, in UTF-16 chars: names are keys, and a client must not make them large. */
    int MAX_NAME_LENGTH = 256;

    /**
     * A handle on the channel of that name, which keeps no backlog. Cheap: it creates nothing until a session joins.
     *
     * @param name the channel's name, 1 to {@value #MAX_NAME_LENGTH} chars
     * @return the handle
     * @throws IllegalArgumentException if the name is empty or too long
     */
    default Channel channel(String name) {
        return channel(name, ChannelBacklog.NONE);
    }

    /**
     * A handle on the channel of that name, which keeps a backlog for members that join later. The backlog is fixed
     * by the join that brings the channel into being: a handle with another backlog then joins the existing channel,
     * whose backlog stays as it was.
     *
     * @param name    the channel's name, 1 to {@value #MAX_NAME_LENGTH} chars
     * @param backlog what the channel keeps for late joiners
     * @return the handle
     * @throws IllegalArgumentException if the name is empty or too long
     */
    Channel channel(String name, ChannelBacklog backlog);

    /**
     * The names of the channels that have members now.
     *
     * @return a snapshot taken at the call
     */
    Set<String> names();

    /**
     * The number of channels that have members now, without building a set.
     *
     * @return the count at the call
     */
    int count();
}
