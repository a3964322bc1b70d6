package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static dev.switchboard.server.testing.FrameClient.BINARY;
import static dev.switchboard.server.testing.FrameClient.CLOSE;
import static dev.switchboard.server.testing.FrameClient.CONTINUATION;
import static dev.switchboard.server.testing.FrameClient.TEXT;

/**
 * The reading half of {@link FrameClient}: the server's frames exactly as they are on the wire, and how the server ends
 * the connection. It answers nothing by itself. Every read has a timeout (the socket's, or one given), so a silent
 * server fails a test instead of hanging it.
 */
public abstract sealed class FrameInput permits FrameClient {

    protected final Socket socket;
    private final InputStream in;

    FrameInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** The raw stream, for a test that reads a frame's payload in pieces itself. */
    public InputStream input() {
        return in;
    }

    /** Reads the next frame; fails if the server masked it. */
    public InboundFrame readFrame() throws IOException {
        return InboundFrame.read(in);
    }

    /** Reads the next frame, each read waiting at most {@code timeout} instead of the client's timeout. */
    public InboundFrame readFrame(Duration timeout) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(toTimeout(timeout));
        try {
            return readFrame();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(saved);
            }
        }
    }

    /**
     * Reads one whole data message, joining its frames (RSV bits from the first); fails on a control frame or a broken
     * sequence.
     */
    public InboundFrame readMessage() throws IOException {
        InboundFrame first = readFrame();
        if (first.opcode() != TEXT && first.opcode() != BINARY) {
            throw new AssertionError("expected the start of a data message, got " + first);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        for (InboundFrame frame = first; !frame.fin(); payload.writeBytes(frame.payload())) {
            frame = readFrame();
            if (frame.opcode() != CONTINUATION) {
                throw new AssertionError("expected a continuation frame, got " + frame);
            }
        }
        return new InboundFrame(true, first.rsv(), first.opcode(), payload.toByteArray());
    }

    /** Reads one whole message, which must be text. */
    public String readText() throws IOException {
        InboundFrame message = readMessage();
        if (message.opcode() != TEXT) {
            throw new AssertionError("expected a text message, got " + message);
        }
        return message.text();
    }

    /**
     * Reads frames until a text frame, skipping pings and anything else but a close frame, within {@code within} in
     * all.
     *
     * @return the text frame's payload
     * @throws IOException if no text frame comes in time or a close frame comes first, or on failure
     */
    public String nextText(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            InboundFrame frame = readFrame(remaining(deadline));
            if (frame.opcode() == TEXT) {
                return frame.text();
            }
            if (frame.opcode() == CLOSE) {
                throw new IOException("closed while waiting for text: " + frame);
            }
        }
    }

    /**
     * Requires the next frame to be a close frame with {@code code}, then the server to close TCP within
     * {@code eofWithin} without sending anything more.
     *
     * @return the close frame, for its reason
     */
    public InboundFrame expectCloseThenEof(int code, Duration eofWithin) throws IOException {
        InboundFrame frame = readFrame();
        if (frame.opcode() != CLOSE || frame.closeCode() != code) {
            throw new AssertionError("expected a close frame with code " + code + ", got " + frame);
        }
        expectEof(eofWithin);
        return frame;
    }

    /** Requires the server to close TCP within {@code within}, sending nothing first. A reset counts as closed. */
    public void expectEof(Duration within) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(within.toMillis()));
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected EOF, got more bytes from the server, starting with " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the TCP connection within " + within);
        } catch (SocketException e) {
            // Connection reset: closed as well.
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(saved);
            }
        }
    }

    /** Requires the server to send nothing for {@code wait}, and leave the connection open. */
    public void expectSilence(Duration wait) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(wait.toMillis()));
        try {
            InboundFrame frame = readFrame();
            throw new AssertionError("expected nothing from the server for " + wait + ", got " + frame);
        } catch (SocketTimeoutException expected) {
            socket.setSoTimeout(saved);
        }
    }

    /**
     * Reads frames, answering nothing, until a close frame, the end of the stream or a reset, or until {@code within}
     * passes.
     *
     * @return how the connection ended, or {@link Ending.Kind#TIMED_OUT} if it did not
     */
    public Ending awaitEnd(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int frames = 0;
        try {
            while (System.nanoTime() < deadline) {
                InboundFrame frame;
                try {
                    frame = readFrame(remaining(deadline));
                } catch (SocketTimeoutException e) {
                    break;
                }
                frames++;
                if (frame.opcode() == CLOSE) {
                    return new Ending(Ending.Kind.CLOSE_FRAME, frame.closeCode(), frame.closeReason(), frames);
                }
            }
            return new Ending(Ending.Kind.TIMED_OUT, 0, "", frames);
        } catch (EOFException e) {
            return new Ending(Ending.Kind.EOF, 0, String.valueOf(e.getMessage()), frames);
        } catch (IOException e) {
            return new Ending(Ending.Kind.RESET, 0, String.valueOf(e), frames);
        }
    }

    /**
     * After a close frame was read: waits up to {@code within} for the server to end the TCP connection, skipping
     * whatever it still sends.
     *
     * @return {@code true} on end of stream or reset, {@code false} if the connection is still up
     */
    public boolean awaitEndOfStream(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            int saved = socket.getSoTimeout();
            try {
                while (System.nanoTime() < deadline) {
                    socket.setSoTimeout(toTimeout(remaining(deadline)));
                    if (in.read() < 0) {
                        return true;
                    }
                }
                return false;
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(saved);
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads everything the server sends until it ends the TCP connection, as a client that stopped reading and now
     * catches up: a close frame on the way is noted, not answered.
     *
     * @return {@link Ending.Kind#EOF} or {@link Ending.Kind#RESET} with the code of a close frame read on the way
     *         (else 0), or {@link Ending.Kind#TIMED_OUT} if the connection is still up after {@code within}
     */
    public Ending drain(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int frames = 0;
        int closeCode = 0;
        String closeReason = "";
        try {
            while (true) {
                InboundFrame frame = readFrame(remaining(deadline));
                frames++;
                if (frame.opcode() == CLOSE && closeCode == 0) {
                    closeCode = frame.closeCode();
                    closeReason = frame.closeReason();
                }
            }
        } catch (SocketTimeoutException e) {
            return new Ending(Ending.Kind.TIMED_OUT, closeCode, closeReason, frames);
        } catch (EOFException e) {
            return new Ending(Ending.Kind.EOF, closeCode, closeReason, frames);
        } catch (IOException e) {
            return new Ending(Ending.Kind.RESET, closeCode, closeReason + " " + e, frames);
        }
    }

    /** A socket timeout of at least 1 ms, as 0 would mean none. */
    private static int toTimeout(Duration timeout) {
        return (int) Math.max(1, timeout.toMillis());
    }

    private static Duration remaining(long deadline) throws SocketTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * How the server ended a connection, as {@link #awaitEnd(Duration)} and {@link #drain(Duration)} saw it.
     *
     * @param kind   close frame, end of stream, reset, or not at all
     * @param code   the close code of a close frame, else 0
     * @param detail the close reason, or the failure
     * @param frames how many frames were read before, the close frame included
     */
    public record Ending(Kind kind, int code, String detail, int frames) {

        /** How the connection ended, or that it did not in time. */
        public enum Kind { CLOSE_FRAME, EOF, RESET, TIMED_OUT }

        /** Whether the connection ended at all. */
        public boolean ended() {
            return kind != Kind.TIMED_OUT;
        }
    }
}
