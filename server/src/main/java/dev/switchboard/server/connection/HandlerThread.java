package dev.switchboard.server.connection;

import dev.switchboard.server.channel.ChannelMember;
import dev.switchboard.server.channel.HandlerCallThread;

/**
 * A platform thread of {@link HandlerThreads}, which knows the session whose call it makes: a channel publish made
 * by that call can then hold the session back (see {@link dev.switchboard.api.Channel}).
 */
final class HandlerThread extends Thread implements HandlerCallThread {

    // Written and read by this thread only.
    private ChannelMember calling;
    private Object callHold;

    HandlerThread(String name, Runnable task) {
        super(task, name);
        setDaemon(true);
        // Not the loader of whatever plugin call started it: a thread that outlives a replaced plugin must not keep
        // the plugin's classes from being collected.
        setContextClassLoader(HandlerThread.class.getClassLoader());
    }

    /**
     * Notes the session whose call this thread makes now.
     *
     * @param session the session, or {@code null} once its call returned
     */
    void calling(ChannelMember session) {
        calling = session;
        callHold = null;
    }

    @Override
    public ChannelMember callingSession() {
        return calling;
    }

    @Override
    public Object callHold() {
        return callHold;
    }

    @Override
    public void callHold(Object hold) {
        callHold = hold;
    }
}
