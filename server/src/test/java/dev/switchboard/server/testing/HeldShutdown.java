package dev.switchboard.server.testing;

import java.time.Duration;

/**
 * A server's shutdown held in its wait for close replies (up to its {@code shutdown-timeout}) by a mute echo session,
 * one that never answers the server's close frame: for tests of what the server does while it stops. Closing this
 * drops the mute session and waits for the stop to return within its bound.
 */
public final class HeldShutdown implements AutoCloseable {

    private static final Duration READ = Duration.ofSeconds(10);

    private final FrameClient mute;
    private final BoundedStop stop;
    private final FrameClient.Ending muteEnding;

    private HeldShutdown(FrameClient mute, BoundedStop stop, FrameClient.Ending muteEnding) {
        this.mute = mute;
        this.stop = stop;
        this.muteEnding = muteEnding;
    }

    /**
     * Opens a mute echo session on the server, starts stopping the server and returns once the session has seen the
     * shutdown begin, or its wait for that is over ({@link #muteEnding()} tells which).
     *
     * @param server    the server; stopped by this even if the mute session cannot be opened
     * @param stopBound how long the stop may take, counted from its start
     * @return the shutdown under way
     * @throws Exception if the mute session cannot be opened
     */
    public static HeldShutdown begin(TestServer server, Duration stopBound) throws Exception {
        FrameClient mute;
        try {
            mute = openMute(server);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        BoundedStop stop = BoundedStop.begin(server, stopBound);
        return new HeldShutdown(mute, stop, mute.awaitEnd(READ));
    }

    private static FrameClient openMute(TestServer server) throws Exception {
        FrameClient mute = FrameClient.connect(server.port(), "echo").dropOnClose();
        try {
            mute.sendText("hello");
            String echo = mute.nextText(READ);
            if (!echo.equals("hello")) {
                throw new AssertionError("the mute session is not open: it answered '" + echo + "'");
            }
            return mute;
        } catch (Exception | AssertionError e) {
            mute.close();
            throw e;
        }
    }

    /**
     * How the mute session's connection ended: with the server's close frame once the shutdown has begun.
     *
     * @return the ending
     */
    public FrameClient.Ending muteEnding() {
        return muteEnding;
    }

    @Override
    public void close() throws Exception {
        try {
            mute.close();
        } finally {
            stop.await();
        }
    }
}
