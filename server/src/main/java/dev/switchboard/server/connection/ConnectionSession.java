package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.server.config.ConnectionSettings;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.deflate.SendCompression;
import dev.switchboard.server.metrics.SessionActivity;
import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.runtime.ServerSession;

/**
 * A protocol's {@link dev.switchboard.api.Session} over one WebSocket connection.
 *
 * <p>Sending queues encoded frames on the session's {@link SendQueue}, so a caller never blocks. Every call into the
 * handler (its opening, each message, the client's close, the close event) goes through the session's
 * {@link SessionInbox}, which {@link HandlerThreads} drain one call at a time in arrival order, and which
 * {@link HandlerCalls} makes: the connection's reader never runs plugin code, so a handler that spins or blocks holds
 * no carrier and cannot keep the reader from seeing the connection end. Where the session is in its life is its
 * {@link SessionState}'s to say, and every way it closes is {@link SessionClose}'s, which puts the close event last in
 * the inbox exactly once.
 */
final class ConnectionSession implements ServerSession {

    private static final CloseStatus TOO_MANY_TASKS = CloseStatus.INTERNAL_ERROR.withReason(
            "handler is " + SessionInbox.MAX_TASKS + " tasks behind");

    private final String id;
    private final ProtocolRuntime runtime;
    private final Handshake handshake;
    private final Optional<Object> attachment;
    private final SessionState state;
    private final SendQueue queue;
    private final SessionActivity activity;
    private final Backpressure backpressure;
    private final SessionInbox inbox;
    private final SessionClose closing;
    private final Outbox outbox;

    ConnectionSession(String id,
                      ProtocolRuntime runtime,
                      Handshake handshake,
                      Optional<Object> attachment,
                      SessionState state,
                      SendQueue queue,
                      HandlerThreads handlerThreads,
                      ConnectionSettings settings,
                      SendCompression compression) {
        this.id = id;
        this.runtime = runtime;
        this.handshake = handshake;
        this.attachment = attachment;
        this.state = state;
        this.queue = queue;
        this.activity = runtime.meters().session(id, handshake.remoteAddress());
        this.backpressure = new Backpressure(queue, state, this::writableInLine);
        // As much waiting for the handler as the client may send in one message: the connection's memory stays
        // within two of its largest messages, one being assembled and one (or many small ones) waiting.
        this.inbox = new SessionInbox(
                new HandlerCalls(this, runtime, state, settings.handlerTimeout()),
                handlerThreads, settings.maxMessageBytes());
        this.closing = new SessionClose(this, runtime, state, queue, inbox, backpressure, activity);
        this.outbox = new Outbox(queue, compression, activity, runtime.meters(), closing);
    }

    /**
     * What the session received and sent, for the connection to count what arrives.
     *
     * @return the session's tally
     */
    SessionActivity activity() {
        return activity;
    }

    /**
     * The session's backpressure, for the supervisor to find a slow consumer and the send queue to report a drain.
     *
     * @return the session's backpressure
     */
    Backpressure backpressure() {
        return backpressure;
    }

    /**
     * Every way the session closes, for the connection, the handler calls and the watchdog.
     *
     * @return the session's closing
     */
    SessionClose closing() {
        return closing;
    }

    /** Hands the session to its protocol, first in its inbox; a protocol that throws closes it with 1011. */
    void open() {
        activity.opened();
        inbox.event(InboxEvent.OPENING);
    }

    /**
     * Puts a message in line for the handler, waiting while the handler is a full inbox behind.
     *
     * @param message the {@code String} or {@code ByteBuffer}
     * @throws InterruptedException if the connection is cut while the reader waits
     */
    void deliver(Object message) throws InterruptedException {
        inbox.message(message);
    }

    /**
     * Whether the reader waits for the handler to catch up: the client is not silent, the server is not reading.
     *
     * @return {@code true} while the inbox is full
     */
    boolean receivingPaused() {
        return inbox.full();
    }

    /**
     * Queues a pong, after what the handler sends for the messages that came before the ping: frames are answered
     * in the order they came. With no call waiting or running, that is at once.
     *
     * @param frame the encoded pong
     */
    void control(byte[] frame) {
        if (!inbox.afterPendingCalls(new InboxEvent.Pong(frame))) {
            outbox.control(frame);
        }
    }

    /**
     * What the session sends, for the supervisor's keepalive pings and the pongs that waited in the inbox.
     *
     * @return the session's outbox
     */
    Outbox outbox() {
        return outbox;
    }

    @Override
    public boolean send(String text) {
        return sendMessage(OutboundMessage.text(text));
    }

    @Override
    public boolean send(ByteBuffer data) {
        return sendMessage(OutboundMessage.binary(data));
    }

    @Override
    public boolean sendFrame(byte[] frame) {
        return isOpen() && outbox.sendFrame(frame);
    }

    @Override
    public boolean sendMessage(OutboundMessage message) {
        return isOpen() && outbox.send(message);
    }

    @Override
    public boolean execute(Runnable task) {
        Objects.requireNonNull(task, "task is null");
        return switch (inbox.task(task)) {
            case QUEUED -> true;
            case ENDED -> false;
            case OVERFLOW -> {
                runtime.handlerFailed("Protocol " + subprotocol() + " session " + id + ": " + SessionInbox.MAX_TASKS
                                              + " tasks of execute wait for the handler; the session is closed with"
                                              + " 1011");
                closing.start(TOO_MANY_TASKS, false);
                yield false;
            }
        };
    }

    @Override
    public boolean offer(String text) {
        return offerMessage(isWritable() ? OutboundMessage.text(text) : null);
    }

    @Override
    public boolean offer(ByteBuffer data) {
        return offerMessage(isWritable() ? OutboundMessage.binary(data) : null);
    }

    @Override
    public long queuedBytes() {
        return queue.queuedBytes();
    }

    @Override
    public boolean isWritable() {
        return isOpen() && !queue.aboveHighWater();
    }

    @Override
    public void requestWritable() {
        backpressure.requestWritable();
    }

    @Override
    public boolean behind() {
        return queue.aboveHighWater();
    }

    @Override
    public boolean aboveLowWater() {
        return queue.aboveLowWater();
    }

    @Override
    public void whenDrained(Runnable action) {
        backpressure.whenDrained(action);
    }

    @Override
    public void holdCalls() {
        inbox.hold();
    }

    @Override
    public void releaseCalls() {
        inbox.release();
    }

    @Override
    public boolean belongsTo(ProtocolContext protocol) {
        return runtime == protocol;
    }

    @Override
    public void keepsPublisherWaiting(boolean waiting) {
        backpressure.keepsPublisherWaiting(waiting);
    }

    @Override
    public void close(CloseStatus status) {
        if (!CloseStatus.isSendable(status.code())) {
            throw new IllegalArgumentException("Close code " + status.code() + " cannot be sent; use 1000-1003, "
                                                       + "1007-1014 or 3000-4999");
        }
        closing.start(status, false);
    }

    @Override
    public void abandon(CloseStatus status) {
        queue.abort();
        closing.ended(status);
    }

    @Override
    public boolean isOpen() {
        return state.isOpen();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String subprotocol() {
        return runtime.name();
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Optional<Object> attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        return id + " (" + subprotocol() + ", " + handshake.remoteAddress() + ")";
    }

    private void writableInLine() {
        inbox.event(InboxEvent.WRITABLE);
    }

    // A refused offer asks for onWritable, unless the session is going.
    private boolean offerMessage(OutboundMessage message) {
        if (message != null && outbox.offer(message)) {
            return true;
        }
        requestWritable();
        return false;
    }
}
