package dev.switchboard.server.channel;

import java.util.function.Predicate;

import dev.switchboard.api.Session;

/**
 * Makes each protocol's channels: on this node alone, or across a cluster.
 */
@FunctionalInterface
public interface ChannelEngines {

    /**
     * A protocol's channels.
     *
     * @param protocol   the protocol's name
     * @param ownSession whether a session is one of the protocol's own: only those may join
     * @return the channels, none yet
     */
    ServerChannels create(String protocol, Predicate<Session> ownSession);

    /**
     * Channels on this node alone.
     *
     * @return the engines
     */
    static ChannelEngines local() {
        return LocalChannels::new;
    }

    /**
     * Channels across a cluster, their messages travelling through a relay.
     *
     * @param relay the relay every protocol's channels share
     * @return the engines
     */
    static ChannelEngines cluster(ChannelRelay relay) {
        return (protocol, ownSession) -> new ClusterChannels(protocol, ownSession, relay);
    }
}
