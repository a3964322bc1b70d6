package dev.switchboard.bench.client;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import dev.switchboard.server.frame.OpCode;

/**
 * One non-blocking WebSocket client connection, driven by its {@link EventLoop}: connect, handshake, masked frames out,
 * frames in, the closing handshake. {@link Opening} connects and checks the handshake, {@link Lifecycle} keeps the
 * state and tells the listener, {@link ClientSocket} makes the socket's system calls.
 *
 * <p>Reads go into the loop's shared read buffer, and {@link InboundFrames} hands frames to the
 * {@link ClientListener} straight from it, with no copy and no allocation per frame. {@link OutboundFrames} masks the
 * frames sent into a buffer written once per loop round, so a burst of sends costs one system call. Every method
 * must be called on the loop's thread.
 */
public final class ClientConnection {

    static final int NO_STATUS = 1005;
    private static final int ABNORMAL = 1006;

    private final EventLoop loop;
    private final ClientListener listener;
    private final Opening opening;
    private final Lifecycle lifecycle;
    private final InboundFrames inbound;
    private final OutboundFrames outbound;
    private final ClientSocket socket = new ClientSocket();
    // Set once the server accepted permessage-deflate; null otherwise, and then no frame may carry RSV1.
    private PerMessageDeflate deflate;
    private boolean dirty;

    ClientConnection(EventLoop loop, WsUrl url, String protocol, DeflateOffer offer, ClientListener listener,
                     InetAddress source, ConnectOutcome outcome, int maskSeed) {
        this.loop = loop;
        this.listener = listener;
        this.opening = new Opening(this, url, protocol, offer, source);
        this.lifecycle = new Lifecycle(listener, outcome);
        this.outbound = new OutboundFrames(maskSeed);
        this.inbound = new InboundFrames(this, loop);
    }

    /**
     * The loop this connection lives on.
     *
     * @return the loop
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * The connection's listener.
     *
     * @return the listener given at connect
     */
    public ClientListener listener() {
        return listener;
    }

    /**
     * Whether the handshake succeeded and no close frame was sent or received yet.
     *
     * @return {@code true} while open
     */
    public boolean isOpen() {
        return lifecycle.isOpen();
    }

    /**
     * Whether the connection has ended (and its listener heard of it).
     *
     * @return {@code true} once ended
     */
    public boolean isEnded() {
        return lifecycle.isEnded();
    }

    /**
     * When connecting started.
     *
     * @return {@link System#nanoTime()} when the socket was opened
     */
    public long connectStartNanos() {
        return lifecycle.connectStartNanos();
    }

    /**
     * When the 101 answer was read.
     *
     * @return {@link System#nanoTime()} then, 0 if not open yet
     */
    public long openNanos() {
        return lifecycle.openNanos();
    }

    /**
     * The permessage-deflate parameters the server accepted.
     *
     * @return them, or {@code null} if none were offered or the server declined
     */
    public DeflateAgreement deflate() {
        return deflate == null ? null : deflate.agreement();
    }

    /**
     * Whether this connection holds compression state of its own (a deflater kept for context takeover, or an
     * inflater for a server that keeps its context): what an idle compressed connection costs the generator.
     *
     * @return {@code true} if it holds either
     */
    public boolean holdsCompressionState() {
        return deflate != null && (deflate.holdsDeflater() || deflate.holdsInflater());
    }

    /**
     * Drops the deflater this connection kept for context takeover; later messages are deflated afresh, which a
     * server that keeps its inflater's context reads as well. For scenarios that hold many connections after one
     * compressed message each: the generator need not pay ~256 KiB of native memory per connection for it.
     */
    public void dropDeflateContext() {
        if (deflate != null) {
            deflate.dropDeflateContext();
        }
    }

    /**
     * Bytes queued and not yet written to the socket.
     *
     * @return the count
     */
    public int unsentBytes() {
        return outbound.pending();
    }

    /**
     * Queues a final data frame; it is written at the end of the loop's current round.
     *
     * @param opCode  {@link OpCode#TEXT} or {@link OpCode#BINARY}
     * @param payload the payload's array
     * @param offset  where the payload starts
     * @param length  the payload length
     * @return {@code false} if the connection is not open (nothing queued)
     */
    public boolean send(int opCode, byte[] payload, int offset, int length) {
        if (!lifecycle.isOpen()) {
            return false;
        }
        outbound.message(opCode, payload, offset, length, deflate, loop);
        markDirty();
        return true;
    }

    /**
     * Starts the closing handshake: sends a close frame; the connection ends when the server answers (or when
     * {@link #abort()} is called).
     *
     * @param code the close code
     */
    public void close(int code) {
        if (lifecycle.isOpen()) {
            outbound.close(code);
            markDirty();
            lifecycle.closing();
        } else if (lifecycle.isConnecting() || lifecycle.isHandshaking()) {
            abort();
        }
    }

    /** Ends the connection at once with a TCP reset (no TIME_WAIT is left behind). */
    public void abort() {
        if (lifecycle.isEnded()) {
            return;
        }
        socket.reset();
        end(ABNORMAL, "aborted by the client");
    }

    void connect() {
        lifecycle.connecting(System.nanoTime());
        try {
            if (opening.connect(socket)) {
                startHandshake();
            }
        } catch (IOException | RuntimeException e) {
            end(ABNORMAL, opening.connectFailure(e));
        }
    }

    void ready(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                socket.finishConnect();
                startHandshake();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && !lifecycle.isEnded()) {
                flush();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && !lifecycle.isEnded()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            end(ABNORMAL, (lifecycle.isConnecting() ? "connect failed: " : "") + e);
        }
    }

    /** Writes what is queued; called by the loop once per round for connections that queued frames. */
    void flush() {
        dirty = false;
        if (lifecycle.isEnded() || outbound.pending() == 0) {
            return;
        }
        try {
            loop.traffic().wireOut += socket.write(outbound);
        } catch (IOException | RuntimeException e) {
            end(ABNORMAL, "write failed: " + e);
        }
    }

    private void startHandshake() {
        lifecycle.handshaking();
        outbound.raw(opening.request());
        markDirty();
    }

    private void read() throws IOException {
        ByteBuffer buffer = inbound.readBuffer();
        // The handshake and the closing one are read freely.
        int read = socket.read(buffer, lifecycle.isOpen() ? listener.readBytesPerSecond() : 0, loop);
        if (read < 0) {
            end(ABNORMAL, lifecycle.isHandshaking() ? "connection closed during the handshake"
                    : "connection closed without a close frame");
            return;
        }
        long now = System.nanoTime();
        loop.traffic().wireIn += read;
        buffer.flip();
        int position = lifecycle.isHandshaking() ? opening.answer(buffer, inbound, now) : 0;
        if (position < 0) {
            return;
        }
        inbound.read(buffer, position, now);
    }

    // The server accepted the handshake, and permessage-deflate if it is not null.
    void opened(PerMessageDeflate agreed, long now) {
        deflate = agreed;
        lifecycle.opened(this, now);
    }

    PerMessageDeflate perMessageDeflate() {
        return deflate;
    }

    void fail(String reason) {
        end(ABNORMAL, reason);
    }

    void pong(byte[] data) {
        if (lifecycle.isOpen()) {
            outbound.frame(OpCode.PONG, data, 0, data.length);
            markDirty();
        }
    }

    void closeReceived(int code, String reason) {
        if (lifecycle.isOpen()) {
            // Echo the server's close, then hang up: the server closes its side too.
            outbound.close(code);
            flush();
        }
        end(code, reason);
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            loop.dirty(this);
        }
    }

    private void end(int code, String reason) {
        if (!lifecycle.end()) {
            return;
        }
        inbound.release();
        outbound.release();
        if (deflate != null) {
            deflate.end();
        }
        socket.close();
        loop.forget(this);
        lifecycle.reportEnd(this, code, reason);
    }
}
