package dev.switchboard.server.channel;

/**
 * A thread that makes sessions' handler calls: a publish made on it knows which session published, so that the
 * server can slow that session down when the channel's members fall behind.
 */
public interface HandlerCallThread {

    /**
     * The session whose handler call (or task) runs on this thread now.
     *
     * @return the session, or {@code null} between calls
     */
    ChannelMember callingSession();
}
