package dev.switchboard.server.connection;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.frame.FrameEncoder;

import io.helidon.common.buffers.DataWriter;

/**
 * The frames one session sends, bounded in bytes, on their way to the {@link SocketWriter}: a frame that would take
 * the queue over its bound is refused, and offering never blocks. Half the bound is the high-water mark above which
 * {@code offer} refuses, a quarter the low-water mark at which someone waiting for the queue to drain hears that it
 * has.
 */
final class SendQueue {

    private final SessionState state;
    private final SocketWriter writer;
    private final long limitBytes;
    private final long highWaterBytes;
    private final long lowWaterBytes;
    private final Runnable drained;
    // Set while someone waits for the queue to drain to its low-water mark: the writer then checks the mark after
    // each write, and calls drained once when it gets there. A volatile read per write when nobody waits.
    private final AtomicBoolean drainWatched = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();

    /**
     * Creates the queue and its writer.
     *
     * @param out         the connection's writer
     * @param state       the session's state: a closing or ended session's queue takes no frames
     * @param limitBytes  bytes of data frames that may wait in the queue
     * @param writeFailed called once when a write fails
     * @param drained     called, on the writer's thread, when the queue has drained to its low-water mark after
     *                    {@link #watchDrain()}
     */
    SendQueue(DataWriter out, SessionState state, long limitBytes, Consumer<Throwable> writeFailed, Runnable drained) {
        this.writer = new SocketWriter(out, state, this::written, writeFailed);
        this.state = state;
        this.limitBytes = limitBytes;
        this.highWaterBytes = limitBytes / 2;
        this.lowWaterBytes = limitBytes / 4;
        this.drained = drained;
    }

    /**
     * Queues a data frame.
     *
     * @param frame the encoded frame; never modified, so it may be shared with other queues
     * @return {@code false} if the frame would take the queue over its bound (one frame larger than the bound
     *         still passes an empty queue) or the session takes no frames; the frame is then not queued
     */
    boolean offer(byte[] frame) {
        if (!state.takesFrames()) {
            return false;
        }
        long queued = queuedBytes.addAndGet(frame.length);
        if (queued > limitBytes && queued != frame.length) {
            queuedBytes.addAndGet(-frame.length);
            return false;
        }
        writer.write(frame);
        return true;
    }

    /**
     * Queues a data frame only while the queue is below its high-water mark.
     *
     * @param frame the encoded frame, as for {@link #offer(byte[])}
     * @return {@code false} if the queue was at or above its high-water mark, or the session takes no frames; the
     *         frame is then not queued
     */
    boolean offerBelowHighWater(byte[] frame) {
        if (!state.takesFrames()) {
            return false;
        }
        long queued = queuedBytes.addAndGet(frame.length);
        if (queued - frame.length >= highWaterBytes) {
            queuedBytes.addAndGet(-frame.length);
            // The writer's last write may have seen the count with this frame in it, above the low-water mark, and
            // skipped the drained call that someone waits for (an onWritable, a held publisher): check again.
            if (drainWatched.get()) {
                drainedIfBelowLowWater();
            }
            return false;
        }
        writer.write(frame);
        return true;
    }

    /**
     * Queues a control frame (ping or pong), in order with data frames and within the same bound: a client that
     * floods pings and reads nothing is a client that does not read. Dropped once the session is closing.
     *
     * @param frame the encoded frame
     * @return {@code false} if the frame would take the queue over its bound
     */
    boolean control(byte[] frame) {
        return offer(frame);
    }

    /**
     * Queues a keepalive ping, and has the writer note when it reaches the socket.
     *
     * @param frame the encoded ping
     * @return {@code false} if the frame would take the queue over its bound
     */
    boolean ping(byte[] frame) {
        writer.pingQueued(frame);
        return offer(frame);
    }

    /**
     * Queues the close frame, the last frame written; called once, by whoever started the closing handshake.
     *
     * @param status     the status to send
     * @param dropQueued whether frames still waiting are dropped (for a client that does not read) or sent first
     */
    void close(CloseStatus status, boolean dropQueued) {
        byte[] frame = FrameEncoder.close(status);
        queuedBytes.addAndGet(frame.length);
        writer.writeLast(frame, dropQueued);
    }

    /** Stops writing at once and drops what is queued: the connection is gone. */
    void abort() {
        state.stopWriting();
        writer.dropQueued();
    }

    /**
     * The bytes waiting: encoded frames not yet written.
     *
     * @return the bytes, 0 when everything was written
     */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /**
     * Whether the queue is at or above its high-water mark.
     *
     * @return {@code true} while offers are refused
     */
    boolean aboveHighWater() {
        return queuedBytes.get() >= highWaterBytes;
    }

    /**
     * Whether the queue is above its low-water mark.
     *
     * @return {@code true} until it has drained to the mark
     */
    boolean aboveLowWater() {
        return queuedBytes.get() > lowWaterBytes;
    }

    /**
     * Asks for one call of the drained callback once the queue is at or below its low-water mark: at once, on this
     * thread, if it is there already; else from the writer after the write that takes it there. Asking again before
     * the call asks for the same call. A queue that stops writing (the connection closing or gone) never calls.
     */
    void watchDrain() {
        drainWatched.set(true);
        // The writer may have passed the mark before the flag was seen: check once here too.
        drainedIfBelowLowWater();
    }

    /**
     * The thread that writes this queue's frames to the socket.
     *
     * @return the writer
     */
    SocketWriter writer() {
        return writer;
    }

    // The writer wrote a batch: its bytes no longer wait.
    private void written(long bytes) {
        long queued = queuedBytes.addAndGet(-bytes);
        if (queued <= lowWaterBytes && drainWatched.get()) {
            drainedIfBelowLowWater();
        }
    }

    private void drainedIfBelowLowWater() {
        if (queuedBytes.get() <= lowWaterBytes && state.takesFrames() && drainWatched.compareAndSet(true, false)) {
            drained.run();
        }
    }
}
