package dev.switchboard.server.connection;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;

/**
 * The only code that writes to one connection's socket: a virtual thread that drains the frames the
 * {@link SendQueue} let through, gathering up to {@value #MAX_BATCH} of them into one write.
 *
 * <p>The thread ends when there is nothing to write, so an idle connection holds no writer. A client that stops
 * reading blocks only this thread, and the send queue's bound and the supervisor's send timeout take it from there.
 * After the close frame nothing more is written.
 */
final class SocketWriter {

    // Frames gathered into one socket write: enough to amortize the system call across a burst of small frames.
    private static final int MAX_BATCH = 64;
    // Bytes per socket write for large frames, and the most gathered from small ones.
    private static final int CHUNK_BYTES = 64 * 1024;

    private final DataWriter writer;
    private final SessionState state;
    private final LongConsumer written;
    private final Consumer<Throwable> writeFailed;
    private final Queue<byte[]> frames = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicReference<Thread> writerThread = new AtomicReference<>();
    // Used by the one running drainer only (the writing flag orders them).
    private final byte[][] batch = new byte[MAX_BATCH][];
    // The last frame: once it is written, nothing more is.
    private volatile byte[] closeFrame;
    // The keepalive ping waiting to be written, and when the last one reached the socket.
    private volatile byte[] pendingPing;
    private volatile long pingWrittenNanos;
    // While a write is in progress: when it last moved bytes to the socket; 0 when no write is in progress.
    private volatile long writeProgressNanos;
    private volatile long lastWriteNanos = System.nanoTime();

    /**
     * Creates the writer, with no thread until the first frame.
     *
     * @param writer      the connection's writer
     * @param state       the session's state, which says when writing stops and hears when the close frame is out
     * @param written     told the bytes of each write once it is done, on the writer's thread
     * @param writeFailed called once when a write fails
     */
    SocketWriter(DataWriter writer, SessionState state, LongConsumer written, Consumer<Throwable> writeFailed) {
        this.writer = writer;
        this.state = state;
        this.written = written;
        this.writeFailed = writeFailed;
    }

    /**
     * Writes a frame after those before it.
     *
     * @param frame the encoded frame; never modified, so it may be shared with other connections
     */
    void write(byte[] frame) {
        frames.add(frame);
        startWriter();
    }

    /**
     * Writes the close frame, the last frame written.
     *
     * @param frame      the encoded close frame
     * @param dropQueued whether frames still waiting are dropped (for a client that does not read) or written first
     */
    void writeLast(byte[] frame, boolean dropQueued) {
        closeFrame = frame;
        if (dropQueued) {
            frames.clear();
        }
        write(frame);
    }

    /**
     * Notes that a keepalive ping is about to be written, for {@link #pingWrittenNanos()}.
     *
     * @param ping the encoded ping
     */
    void pingQueued(byte[] ping) {
        pendingPing = ping;
        pingWrittenNanos = 0;
    }

    /** Drops what waits: the connection is gone, and the state says writing stopped. */
    void dropQueued() {
        frames.clear();
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
     * When the last keepalive ping reached the socket: the client's time to answer starts then, not while the
     * ping waits behind other frames.
     *
     * @return {@link System#nanoTime()} then, or 0 while it waits
     */
    long pingWrittenNanos() {
        return pingWrittenNanos;
    }

    /** Unblocks a writer stuck on a client that does not read, which closes the socket. */
    void interrupt() {
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
                byte[] frame = frames.poll();
                while (state.writing() && frame != null) {
                    frame = writeBatch(frame);
                }
                writing.set(false);
                // A frame queued after the last poll but before the flag was cleared would be stranded otherwise.
            } while (state.writing() && !frames.isEmpty() && writing.compareAndSet(false, true));
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
    private byte[] writeBatch(byte[] first) {
        if (first.length >= CHUNK_BYTES) {
            writeLarge(first);
            return frames.poll();
        }
        batch[0] = first;
        int count = 1;
        int bytes = first.length;
        boolean endsWithClose = first == closeFrame;
        byte[] next = null;
        while (!endsWithClose && count < MAX_BATCH && bytes < CHUNK_BYTES && (next = frames.poll()) != null) {
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
        return next != null ? next : frames.poll();
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
        written.accept(bytes);
        if (wasClose) {
            state.closeWritten(lastWriteNanos);
            frames.clear();
        }
    }

    private void failed(Throwable e) {
        writeProgressNanos = 0;
        state.writeFailed(e);
        writing.set(false);
        frames.clear();
        writeFailed.accept(e);
    }
}
