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

    /**
     * The publisher hold the call running now started last, so that further publishes of the same call to the same
     * members behind need no hold of their own.
     *
     * @return the hold, or {@code null} if the call started none
     */
    Object callHold();

    /**
     * Notes the hold the call running now started.
     *
     * @param hold the hold
     */
    void callHold(Object hold);
}
