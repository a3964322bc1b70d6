package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.CloseStatus;

/**
 * Where one session is in its life, in one place for the reader, the writer, the handler threads and the supervisor:
 * open, closing (the server started the closing handshake, with the status it sent), or ended (the close event is in
 * line, exactly once); and, apart from that, whether the socket still takes writes (it stops when the close frame is
 * on the wire, a write fails, or the connection is gone).
 *
 * <p>The phase changes under the object's lock, and each change answers whether it was the one that made it; writing
 * stops once and for good. The fields are volatile, so that the questions asked on every send ({@link #isOpen()},
 * {@link #takesFrames()}) take no lock. Modelled on Jetty 12's {@code WebSocketSessionState}.
 */
final class SessionState {

    private enum Phase { OPEN, CLOSING, ENDED }

    private volatile Phase phase = Phase.OPEN;
    // The status the server sent to start the closing handshake; null while it has not.
    private volatile CloseStatus closeSent;
    private volatile boolean writingStopped;
    // When the close frame reached the socket; 0 while it has not.
    private volatile long closeWrittenNanos;
    // The first write that failed, the reason the connection ended if the server had not started closing.
    private volatile Throwable writeFailure;
    private final CountDownLatch writingDone = new CountDownLatch(1);

    /**
     * Whether the session is open: neither closing nor ended.
     *
     * @return {@code true} until the closing handshake starts or the connection ends
     */
    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    /**
     * Whether frames may still be queued: the session is open and the socket takes writes.
     *
     * @return {@code true} while a refused frame was refused for the queue's bound alone
     */
    boolean takesFrames() {
        return phase == Phase.OPEN && !writingStopped;
    }

    /**
     * Starts the closing handshake, if the session is open.
     *
     * @param status the status the server sends
     * @return {@code true} if this call started it
     */
    synchronized boolean startClosing(CloseStatus status) {
        if (phase != Phase.OPEN) {
            return false;
        }
        closeSent = status;
        phase = Phase.CLOSING;
        return true;
    }

    /**
     * The status the server sent to start the closing handshake.
     *
     * @return the status, or {@code null} while the server has not started closing
     */
    CloseStatus closeSent() {
        return closeSent;
    }

    /**
     * The connection is over, however it ended.
     *
     * @return {@code true} for the first call only: the one that puts the close event in line
     */
    synchronized boolean end() {
        if (phase == Phase.ENDED) {
            return false;
        }
        phase = Phase.ENDED;
        return true;
    }

    /**
     * Whether the connection has ended.
     *
     * @return {@code true} once {@link #end()} was called
     */
    boolean ended() {
        return phase == Phase.ENDED;
    }

    /**
     * Whether the socket still takes writes.
     *
     * @return {@code false} once the close frame is written, a write failed or the connection is gone
     */
    boolean writing() {
        return !writingStopped;
    }

    /**
     * The close frame reached the socket: nothing more is written.
     *
     * @param nanos {@link System#nanoTime()} then
     */
    void closeWritten(long nanos) {
        closeWrittenNanos = nanos;
        stopWriting();
    }

    /**
     * A write failed: nothing more is written, and the failure is kept for the connection's end.
     *
     * @param failure what the write threw
     */
    synchronized void writeFailed(Throwable failure) {
        if (writeFailure == null) {
            writeFailure = failure;
        }
        stopWriting();
    }

    /** The connection is gone: nothing more is written. */
    void stopWriting() {
        writingStopped = true;
        writingDone.countDown();
    }

    /**
     * When the close frame reached the socket.
     *
     * @return {@link System#nanoTime()} then, or 0 while it has not
     */
    long closeWrittenNanos() {
        return closeWrittenNanos;
    }

    /**
     * The first write that failed.
     *
     * @return the failure, or {@code null} if none did
     */
    Throwable writeFailure() {
        return writeFailure;
    }

    /**
     * Waits until the socket takes no more writes: the close frame is on the wire, or writing stopped for another
     * reason.
     *
     * @param timeout the longest wait
     */
    void awaitWritingStopped(Duration timeout) {
        try {
            writingDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
