package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

    private final DataWriter writer;
    private final long limitBytes;
    private final Consumer<Throwable> writeFailed;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final CountDownLatch closeWritten = new CountDownLatch(1);
    private volatile byte[] closeFrame;
    private volatile boolean stopped;
    private volatile Thread writerThread;
    private volatile long writeStartedNanos;
    private volatile long lastWriteNanos = System.nanoTime();
    // Writer thread only: whether the batch being written ends with the close frame.
    private boolean batchEndsWithClose;

    /**
     * Creates the queue.
     *
     * @param writer      the connection's writer
     * @param limitBytes  bytes of data frames that may wait in the queue
     * @param writeFailed called once when a write fails
     */
    FrameQueue(DataWriter writer, long limitBytes, Consumer<Throwable> writeFailed) {
        this.writer = writer;
        this.limitBytes = limitBytes;
        this.writeFailed = writeFailed;
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
     * Queues a control frame (ping or pong), in order with data frames but outside the bound. Dropped once the
     * close frame is queued.
     *
     * @param frame the encoded frame
     */
    void control(byte[] frame) {
        if (closeFrame == null && !stopped) {
            queuedBytes.addAndGet(frame.length);
            queue.add(frame);
            startWriter();
        }
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
     * When the write in progress started.
     *
     * @return {@link System#nanoTime()} at its start, or 0 when no write is in progress
     */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /**
     * When the last write finished.
     *
     * @return {@link System#nanoTime()} at its end
     */
    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** Unblocks a writer stuck on a client that does not read, which closes the socket. */
    void interruptWriter() {
        Thread thread = writerThread;
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
        writerThread = Thread.currentThread();
        BufferData[] batch = new BufferData[MAX_BATCH];
        try {
            do {
                int count;
                while (!stopped && (count = poll(batch)) > 0) {
                    write(batch, count);
                }
                writing.set(false);
                // A frame queued after the last poll but before the flag was cleared would be stranded otherwise.
            } while (!stopped && !queue.isEmpty() && writing.compareAndSet(false, true));
        } finally {
            writerThread = null;
        }
    }

    private int poll(BufferData[] batch) {
        int count = 0;
        byte[] frame;
        while (count < batch.length && (frame = queue.poll()) != null) {
            batch[count++] = BufferData.create(frame);
            if (frame == closeFrame) {
                batchEndsWithClose = true;
                break;
            }
        }
        return count;
    }

    private void write(BufferData[] batch, int count) {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += batch[i].available();
        }
        writeStartedNanos = System.nanoTime();
        try {
            if (count == 1) {
                writer.writeNow(batch[0]);
            } else {
                writer.writeNow(count == batch.length ? batch : Arrays.copyOf(batch, count));
            }
        } catch (RuntimeException e) {
            stopped = true;
            queue.clear();
            closeWritten.countDown();
            writeFailed.accept(e);
            return;
        } finally {
            writeStartedNanos = 0;
            lastWriteNanos = System.nanoTime();
        }
        queuedBytes.addAndGet(-bytes);
        Arrays.fill(batch, 0, count, null);
        if (batchEndsWithClose) {
            stopped = true;
            queue.clear();
            closeWritten.countDown();
        }
    }
}
