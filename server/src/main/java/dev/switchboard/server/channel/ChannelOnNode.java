package dev.switchboard.server.channel;

import java.util.Set;

import dev.switchboard.api.Session;

/**
 * A channel as one node holds it: its members on this node.
 */
interface ChannelOnNode {

    /**
     * The members on this node.
     *
     * @return a snapshot
     */
    Set<Session> members();

    /**
     * How many members are on this node.
     *
     * @return the count
     */
    int memberCount();
}
