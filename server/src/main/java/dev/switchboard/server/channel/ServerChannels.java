package dev.switchboard.server.channel;

import dev.switchboard.api.Channels;
import dev.switchboard.api.Session;

/**
 * A protocol's channels as the server sees them: {@link Channels}, plus taking a session that ended out of all of
 * them. {@link LocalChannels} runs them on this node, {@link ClusterChannels} across the nodes of a cluster.
 */
public interface ServerChannels extends Channels {

    /**
     * Takes a session that ended out of every channel it is in; channels it was the last member of (on this node)
     * vanish. Called before its close event.
     *
     * @param session the session
     */
    void leaveAll(Session session);
}
