package dev.switchboard.bench.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One non-blocking WebSocket client connection, driven by its {@link EventLoop}: connect, handshake, masked frames out,
 * frames in, the closing handshake.
 *
 * <p>Reads go into the loop's shared read buffer, and {@link InboundFrames} hands frames to the
 * {@link ClientListener} straight from it, with no copy and no allocation per frame. {@link OutboundFrames} masks the
 * frames sent into a buffer written once per loop round, so a burst of sends costs one system call. Every method
 * must be called on the loop's thread.
 */
public final class ClientConnection {

    private static final byte[] NONE = new byte[0];
    static final int NO_STATUS = 1005;
    private static final int ABNORMAL = 1006;

    private enum State { CONNECTING, HANDSHAKING, OPEN, CLOSING, CLOSED }

    private final EventLoop loop;
    private final WsUrl url;
    private final String protocol;
    private final DeflateOffer offer;
    private final ClientListener listener;
    private final InetAddress source;
    private final ConnectOutcome outcome;
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CONNECTING;
    private String handshakeKey;
    private long connectStartNanos;
    private long openNanos;
    private final InboundFrames inbound;
    // Set once the server accepted permessage-deflate; null otherwise, and then no frame may carry RSV1.
    private PerMessageDeflate deflate;
    private final OutboundFrames outbound;
    private boolean dirty;
    private boolean writeInterest;
    private boolean ended;

    ClientConnection(EventLoop loop, WsUrl url, String protocol, DeflateOffer offer, ClientListener listener,
                     InetAddress source, ConnectOutcome outcome, int maskSeed) {
        this.loop = loop;
        this.outcome = outcome;
        this.url = url;
        this.protocol = protocol;
        this.offer = offer;
        this.listener = listener;
        this.source = source;
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
        return state == State.OPEN;
    }

    /**
     * Whether the connection has ended (and its listener heard of it).
     *
     * @return {@code true} once ended
     */
    public boolean isEnded() {
        return ended;
    }

    /**
     * When connecting started.
     *
     * @return {@link System#nanoTime()} when the socket was opened
     */
    public long connectStartNanos() {
        return connectStartNanos;
    }

    /**
     * When the 101 answer was read.
     *
     * @return {@link System#nanoTime()} then, 0 if not open yet
     */
    public long openNanos() {
        return openNanos;
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
     * @param opCode  {@link Frames#TEXT} or {@link Frames#BINARY}
     * @param payload the payload's array
     * @param offset  where the payload starts
     * @param length  the payload length
     * @return {@code false} if the connection is not open (nothing queued)
     */
    public boolean send(int opCode, byte[] payload, int offset, int length) {
        if (state != State.OPEN) {
            return false;
        }
        Traffic traffic = loop.traffic();
        traffic.messagesOut++;
        traffic.messageBytesOut += length;
        if (deflate != null) {
            traffic.compressedOut++;
            int compressed = deflate.deflate(payload, offset, length);
            queue(opCode | Frames.RSV1, loop.deflateScratch().deflated(0), 0, compressed);
        } else {
            queue(opCode, payload, offset, length);
        }
        return true;
    }

    /**
     * Starts the closing handshake: sends a close frame; the connection ends when the server answers (or when
     * {@link #abort()} is called).
     *
     * @param code the close code
     */
    public void close(int code) {
        if (state == State.OPEN) {
            queue(Frames.CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, 0, 2);
            state = State.CLOSING;
        } else if (state == State.CONNECTING || state == State.HANDSHAKING) {
            abort();
        }
    }

    /** Ends the connection at once with a TCP reset (no TIME_WAIT is left behind). */
    public void abort() {
        if (ended) {
            return;
        }
        try {
            if (channel != null && channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException ignored) {
            // Closing anyway.
        }
        end(ABNORMAL, "aborted by the client");
    }

    void connect() {
        connectStartNanos = System.nanoTime();
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                channel.bind(new InetSocketAddress(source, 0));
            }
            boolean connected = channel.connect(url.address());
            key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected) {
                startHandshake();
            }
        } catch (IOException | RuntimeException e) {
            end(ABNORMAL, "connect to " + url.address() + " failed: " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("assign") ? " (out of ephemeral ports? "
                    + "try --source-ips 4)" : ""));
        }
    }

    void ready(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                startHandshake();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && !ended) {
                flush();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && !ended) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            end(ABNORMAL, (state == State.CONNECTING ? "connect failed: " : "") + e);
        }
    }

    /** Writes what is queued; called by the loop once per round for connections that queued frames. */
    void flush() {
        dirty = false;
        if (ended || outbound.pending() == 0) {
            return;
        }
        try {
            loop.traffic().wireOut += outbound.writeTo(channel);
            boolean more = outbound.pending() > 0;
            if (more != writeInterest) {
                writeInterest = more;
                key.interestOps(more ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }
        } catch (IOException | RuntimeException e) {
            end(ABNORMAL, "write failed: " + e);
        }
    }

    private void startHandshake() {
        state = State.HANDSHAKING;
        handshakeKey = loop.handshake().newKey();
        byte[] request = Handshake.request(url, protocol, offer.header(), handshakeKey);
        outbound.raw(request);
        markDirty();
    }

    private void read() throws IOException {
        ByteBuffer buffer = inbound.readBuffer();
        int read = channel.read(buffer);
        if (read < 0) {
            end(ABNORMAL, state == State.HANDSHAKING ? "connection closed during the handshake"
                    : "connection closed without a close frame");
            return;
        }
        long now = System.nanoTime();
        loop.traffic().wireIn += read;
        buffer.flip();
        int position = 0;
        if (state == State.HANDSHAKING) {
            position = readHandshake(buffer, now);
            if (position < 0) {
                return;
            }
        }
        inbound.read(buffer, position, now);
    }

    // Returns where frames start, or -1 if the header is incomplete (kept) or refused (ended).
    private int readHandshake(ByteBuffer buffer, long now) {
        int limit = buffer.limit();
        int end = Handshake.headerLength(buffer);
        if (end < 0) {
            if (limit > Handshake.MAX_RESPONSE_HEADER) {
                end(ABNORMAL, "handshake answer header over " + Handshake.MAX_RESPONSE_HEADER + " bytes");
            } else {
                inbound.keep(buffer, 0, limit);
            }
            return -1;
        }
        byte[] header = new byte[end];
        buffer.get(0, header);
        String answer = new String(header, StandardCharsets.ISO_8859_1);
        String problem = loop.handshake().check(answer, handshakeKey, protocol);
        if (problem != null) {
            end(ABNORMAL, problem);
            return -1;
        }
        try {
            DeflateAgreement agreement = DeflateAgreement.negotiate(answer, offer);
            deflate = agreement == null ? null : new PerMessageDeflate(agreement, offer, loop);
        } catch (IllegalArgumentException e) {
            end(ABNORMAL, e.getMessage());
            return -1;
        }
        state = State.OPEN;
        openNanos = now;
        listener.onOpen(this, now);
        if (outcome != null) {
            outcome.opened(this);
        }
        return end;
    }

    PerMessageDeflate perMessageDeflate() {
        return deflate;
    }

    void fail(String reason) {
        end(ABNORMAL, reason);
    }

    void pong(byte[] data) {
        if (state == State.OPEN) {
            queue(Frames.PONG, data, 0, data.length);
        }
    }

    void closeReceived(int code, String reason) {
        if (state == State.OPEN) {
            // Echo the server's close, then hang up: the server closes its side too.
            byte[] echo = code == NO_STATUS ? NONE : new byte[] {(byte) (code >>> 8), (byte) code};
            queue(Frames.CLOSE, echo, 0, echo.length);
            flush();
        }
        end(code, reason);
    }

    private void queue(int opCode, byte[] payload, int offset, int length) {
        outbound.frame(opCode, payload, offset, length);
        markDirty();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            loop.dirty(this);
        }
    }

    private void end(int code, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        boolean failed = openNanos == 0;
        state = State.CLOSED;
        inbound.release();
        outbound.release();
        if (deflate != null) {
            deflate.end();
        }
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Gone either way.
        }
        loop.forget(this);
        if (failed && outcome != null) {
            outcome.failed(this, reason);
        }
        listener.onClose(this, code, reason);
    }
}
