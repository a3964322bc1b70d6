package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.frame.FrameEncoder;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;

/**
 * The outbound side of one connection: a queue of encoded frames, bounded in bytes, and the only code that writes
 * to the socket.
 *
 * <p>Offering a frame never blocks. While the queue has frames, a virtual thread drains it, gathering up to
 * {@value #MAX_BATCH} frames into one write; it ends when the queue is empty, so an idle connection holds no
 * writer. A client that stops reading blocks only that thread, and the queue's bound and the supervisor's send
 * timeout take it from there. After the close frame nothing more is written.
 */
final class FrameQueue {

    // Frames gathered into one socket write: enough to amortize the system call across a burst of small frames.
    private static final int MAX_BATCH = 64;
    // Bytes per socket write for large frames, and the most gathered from small ones.
    private static final int CHUNK_BYTES = 64 * 1024;

    private final DataWriter writer;
    private final long limitBytes;
    private final long highWaterBytes;
    private final long lowWaterBytes;
    private final Consumer<Throwable> writeFailed;
    private final Runnable drained;
    // Set while someone waits for the queue to drain to its low-water mark: the writer then checks the mark after
    // each write, and calls drained once when it gets there. A volatile read per write when nobody waits.
    private final AtomicBoolean drainWatched = new AtomicBoolean();
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final CountDownLatch closeWritten = new CountDownLatch(1);
    private volatile byte[] closeFrame;
    private volatile boolean stopped;
    private final AtomicReference<Thread> writerThread = new AtomicReference<>();
    // Used by the one running drainer only (the writing flag orders them).
    private final byte[][] batch = new byte[MAX_BATCH][];
    private volatile long closeWrittenNanos;
    // The keepalive ping waiting in the queue, and when the last one reached the socket.
    private volatile byte[] pendingPing;
    private volatile long pingWrittenNanos;
    // While a write is in progress: when it last moved bytes to the socket; 0 when no write is in progress.
    private volatile long writeProgressNanos;
    private volatile long lastWriteNanos = System.nanoTime();

    /**
     * Creates the queue.
     *
     * @param writer      the connection's writer
     * @param limitBytes  bytes of data frames that may wait in the queue; half of it is the high-water mark, a
     *                    quarter the low-water mark
     * @param writeFailed called once when a write fails
     * @param drained     called, on the writer's thread, when the queue has drained to its low-water mark after
     *                    {@link #watchDrain()}
     */
    FrameQueue(DataWriter writer, long limitBytes, Consumer<Throwable> writeFailed, Runnable drained) {
        this.writer = writer;
        this.limitBytes = limitBytes;
        this.highWaterBytes = limitBytes / 2;
        this.lowWaterBytes = limitBytes / 4;
        this.writeFailed = writeFailed;
        this.drained = drained;
    }

    /**
     * Queues a data frame.
     *
     * @param frame the encoded frame; never modified, so it may be shared with other queues
     * @return {@code false} if the frame would take the queue over its bound (one frame larger than the bound
     *         still passes an empty queue) or the queue is closed; the frame is then not queued
     */
    boolean offer(byte[] frame) {
        if (closeFrame != null || stopped) {
            return false;
        }
        long queued = queuedBytes.addAndGet(frame.length);
        if (queued > limitBytes && queued != frame.length) {
            queuedBytes.addAndGet(-frame.length);
            return false;
        }
        queue.add(frame);
        startWriter();
        return true;
    }

    /**
     * Queues a data frame only while the queue is below its high-water mark.
     *
     * @param frame the encoded frame, as for {@link #offer(byte[])}
     * @return {@code false} if the queue was at or above its high-water mark, or is closed; the frame is then not
     *         queued
     */
    boolean offerBelowHighWater(byte[] frame) {
        if (closeFrame != null || stopped) {
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
        queue.add(frame);
        startWriter();
        return true;
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
     * Whether the queue still takes frames: no close frame queued, and the connection not gone. A frame refused while
     * the queue is accepting was refused for the bound.
     *
     * @return {@code true} while frames can be queued
     */
    boolean accepting() {
        return closeFrame == null && !stopped;
    }

    /**
     * Queues a control frame (ping or pong), in order with data frames and within the same bound: a client that
     * floods pings and reads nothing is a client that does not read. Dropped once the close frame is queued.
     *
     * @param frame the encoded frame
     * @return {@code false} if the frame would take the queue over its bound
     */
    boolean control(byte[] frame) {
        return offer(frame);
    }

    /**
     * Queues the close frame, the last frame written. Only the first call counts.
     *
     * @param status     the status to send
     * @param dropQueued whether frames still waiting are dropped (for a client that does not read) or sent first
     */
    void close(CloseStatus status, boolean dropQueued) {
        byte[] frame = FrameEncoder.close(status);
        synchronized (this) {
            if (closeFrame != null) {
                return;
            }
            closeFrame = frame;
        }
        if (dropQueued) {
            queue.clear();
        }
        queuedBytes.addAndGet(frame.length);
        queue.add(frame);
        startWriter();
    }

    /** Stops writing at once and drops what is queued: the connection is gone. */
    void abort() {
        stopped = true;
        queue.clear();
        closeWritten.countDown();
    }

    /**
     * Waits until the close frame is on the wire, or writing stopped for another reason.
     *
     * @param timeout the longest wait
     */
    void awaitCloseWritten(Duration timeout) {
        try {
            closeWritten.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * When the write in progress last made progress: a large frame is written in chunks, each one progress.
     *
     * @return {@link System#nanoTime()} of the last progress, or 0 when no write is in progress
     */
    long writeProgressNanos() {
        return writeProgressNanos;
    }

    /**
     * When the last write finished.
     *
     * @return {@link System#nanoTime()} at its end
     */
    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * Queues a keepalive ping and notes when it reaches the socket (see {@link #pingWrittenNanos()}).
     *
     * @param frame the encoded ping
     * @return {@code false} if the frame would take the queue over its bound
     */
    boolean ping(byte[] frame) {
        pendingPing = frame;
        pingWrittenNanos = 0;
        return offer(frame);
    }

    /**
     * When the last keepalive ping reached the socket: the client's time to answer starts then, not while the
     * ping waits behind other frames.
     *
     * @return {@link System#nanoTime()} then, or 0 while it waits
     */
    long pingWrittenNanos() {
        return pingWrittenNanos;
    }

    /**
     * When the close frame reached the socket.
     *
     * @return {@link System#nanoTime()} then, or 0 while it has not
     */
    long closeWrittenNanos() {
        return closeWrittenNanos;
    }

    /** Unblocks a writer stuck on a client that does not read, which closes the socket. */
    void interruptWriter() {
        Thread thread = writerThread.get();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void startWriter() {
        if (writing.compareAndSet(false, true)) {
            Thread.ofVirtual().start(this::drain);
        }
    }

    private void drain() {
        Thread self = Thread.currentThread();
        writerThread.set(self);
        try {
            do {
                byte[] frame = queue.poll();
                while (!stopped && frame != null) {
                    frame = write(frame);
                }
                writing.set(false);
                // A frame queued after the last poll but before the flag was cleared would be stranded otherwise.
            } while (!stopped && !queue.isEmpty() && writing.compareAndSet(false, true));
        } catch (Throwable e) {
            // Even an Error must not leave the queue marked as written-to forever.
            failed(e);
        } finally {
            writerThread.compareAndSet(self, null);
            Thread.interrupted();
        }
    }

    // Small frames are gathered with the small ones queued behind them into one write; a large frame goes alone,
    // in chunks, each chunk counting as progress for the send timeout. Returns the next frame to write, if polled.
    private byte[] write(byte[] first) {
        if (first.length >= CHUNK_BYTES) {
            writeLarge(first);
            return queue.poll();
        }
        batch[0] = first;
        int count = 1;
        int bytes = first.length;
        boolean endsWithClose = first == closeFrame;
        byte[] next = null;
        while (!endsWithClose && count < MAX_BATCH && bytes < CHUNK_BYTES && (next = queue.poll()) != null) {
            if (next.length >= CHUNK_BYTES) {
                break;
            }
            batch[count++] = next;
            bytes += next.length;
            endsWithClose = next == closeFrame;
            next = null;
        }
        writeProgressNanos = System.nanoTime();
        writer.writeNow(count == 1 ? BufferData.create(first) : BufferData.create(joined(batch, count, bytes)));
        byte[] ping = pendingPing;
        for (int i = 0; ping != null && i < count; i++) {
            if (batch[i] == ping) {
                pendingPing = null;
                pingWrittenNanos = System.nanoTime();
            }
        }
        Arrays.fill(batch, 0, count, null);
        written(bytes, endsWithClose);
        return next != null ? next : queue.poll();
    }

    // One array for the whole batch: Helidon would copy a composite buffer into one anyway.
    private static byte[] joined(byte[][] frames, int count, int bytes) {
        byte[] joined = new byte[bytes];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(frames[i], 0, joined, offset, frames[i].length);
            offset += frames[i].length;
        }
        return joined;
    }

    private void writeLarge(byte[] frame) {
        for (int offset = 0; offset < frame.length; offset += CHUNK_BYTES) {
            writeProgressNanos = System.nanoTime();
            writer.writeNow(BufferData.create(frame, offset, Math.min(CHUNK_BYTES, frame.length - offset)));
        }
        written(frame.length, frame == closeFrame);
    }

    private void written(long bytes, boolean wasClose) {
        writeProgressNanos = 0;
        lastWriteNanos = System.nanoTime();
        long queued = queuedBytes.addAndGet(-bytes);
        if (queued <= lowWaterBytes && drainWatched.get()) {
            drainedIfBelowLowWater();
        }
        if (wasClose) {
            closeWrittenNanos = lastWriteNanos;
            stopped = true;
            queue.clear();
            closeWritten.countDown();
        }
    }

    private void drainedIfBelowLowWater() {
        if (queuedBytes.get() <= lowWaterBytes && !stopped && closeFrame == null
                && drainWatched.compareAndSet(true, false)) {
            drained.run();
        }
    }

    private void failed(Throwable e) {
        writeProgressNanos = 0;
        stopped = true;
        writing.set(false);
        queue.clear();
        closeWritten.countDown();
        writeFailed.accept(e);
    }
}
