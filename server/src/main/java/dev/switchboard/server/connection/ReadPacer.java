package dev.switchboard.server.connection;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Consumer;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.config.InboundLimits;

/**
 * When a connection's reader pauses: after a budget of work, so that it never keeps a carrier from other virtual
 * threads ({@link ReadBudget}), and when the client sends faster than its {@link InboundLimits}, so that the socket
 * fills and TCP holds the client back. Pausing is sleeping, which gives up the carrier.
 *
 * <p>A client stays over a limit when the reader had to pause for it again and again, never a second apart, for
 * {@link #STAYS_OVER}: it is then closed with 1008 and a reason naming the limit, once. A client that bursts over its
 * limit now and then is only slowed down.
 *
 * <p>Used by the connection's reader thread only.
 */
final class ReadPacer {

    /** How long a client may stay over a limit before it is closed. */
    static final Duration STAYS_OVER = Duration.ofSeconds(5);
    // Pauses further apart than this end a stay over the limit.
    private static final long STAY_GAP_NANOS = Duration.ofSeconds(1).toNanos();

    private final ReadBudget budget = new ReadBudget();
    private final InboundLimits limits;
    private final TokenBucket frames;
    private final TokenBucket bytes;
    private final Consumer<CloseStatus> staysOver;
    // When the last bytes arrived: the time of every count, so that counting reads no clock of its own.
    private long nowNanos;
    private long stayStartNanos;
    private long lastLimitPauseNanos;
    private boolean closed;

    /**
     * Creates the pacer of one connection.
     *
     * @param limits    the connection's inbound limits
     * @param nowNanos  {@link System#nanoTime()} now
     * @param staysOver called once, with the status to close with, when the client stays over a limit
     */
    ReadPacer(InboundLimits limits, long nowNanos, Consumer<CloseStatus> staysOver) {
        this.limits = limits;
        this.nowNanos = nowNanos;
        this.staysOver = staysOver;
        this.frames = limits.framesPerSecond() > 0 ? new TokenBucket(limits.framesPerSecond(), nowNanos) : null;
        this.bytes = limits.bytesPerSecond() > 0 ? new TokenBucket(limits.bytesPerSecond(), nowNanos) : null;
    }

    /** The reader blocked waiting for data: it gave up its carrier. */
    void blocked() {
        budget.restart();
    }

    /**
     * Counts bytes as they are read, and pauses if they spend the budget or pass the byte limit.
     *
     * @param count    bytes read
     * @param nowNanos {@link System#nanoTime()} when they were read
     */
    void bytesRead(int count, long nowNanos) {
        this.nowNanos = nowNanos;
        if (bytes != null) {
            limitPause(bytes.take(count, nowNanos), "max-bytes-per-second", limits.bytesPerSecond() + " bytes");
        }
        if (budget.bytesRead(count)) {
            pause(ReadBudget.PAUSE.toNanos());
        }
    }

    /**
     * Counts a frame, of any kind, and pauses if it spends the budget or passes the frame limit. Its bytes were
     * counted as they arrived, which is the frame's time.
     */
    void frameRead() {
        if (frames != null) {
            limitPause(frames.take(1, nowNanos), "max-frames-per-second", limits.framesPerSecond() + " frames");
        }
        if (budget.frameRead()) {
            pause(ReadBudget.PAUSE.toNanos());
        }
    }

    private void limitPause(long nanos, String key, String rate) {
        if (nanos == 0) {
            return;
        }
        long now = nowNanos;
        if (now - lastLimitPauseNanos > STAY_GAP_NANOS) {
            stayStartNanos = now;
        }
        lastLimitPauseNanos = now + nanos;
        if (!closed && now - stayStartNanos >= STAYS_OVER.toNanos()) {
            closed = true;
            staysOver.accept(CloseStatus.POLICY_VIOLATION.withReason(
                    key + ": over " + rate + " a second for " + STAYS_OVER.toSeconds() + " s"));
        }
        pause(nanos);
    }

    private void pause(long nanos) {
        budget.restart();
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            // Interrupted to end the connection (a timeout, the server stopping), as a blocked read would be.
            throw new UncheckedIOException(new InterruptedIOException("interrupted while reading was paused"));
        }
        // The frames of bytes read before the pause are counted at the time they are handled.
        nowNanos = System.nanoTime();
    }
}
