package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.server.config.ConnectionSettings;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.deflate.SendCompression;
import dev.switchboard.server.frame.FrameEncoder;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.metrics.SessionActivity;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.runtime.ServerSession;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * A protocol's {@link dev.switchboard.api.Session} over one WebSocket connection, and the connection's lifecycle.
 *
 * <p>Sending queues encoded frames on the session's {@link FrameQueue}, so a caller never blocks. Every call into the
 * handler (its opening, each message, the client's close, the close event) goes through the session's
 * {@link SessionInbox}, which {@link HandlerThreads} drain one call at a time in arrival order, on platform threads
 * and with the protocol's context class loader: the connection's reader never runs plugin code, so a handler that
 * spins or blocks holds no carrier and cannot keep the reader from seeing the connection end. Whatever ends the
 * session, {@link #ended(CloseStatus)} puts the close event last in the inbox exactly once, and the session's
 * {@link SessionActivity} counts it and logs it.
 */
final class ConnectionSession implements ServerSession {

    private static final System.Logger LOGGER = System.getLogger(ConnectionSession.class.getName());
    private static final CloseStatus SLOW_CONSUMER =
            CloseStatus.POLICY_VIOLATION.withReason("client does not read fast enough");
    private static final Opening OPENING = new Opening();
    private static final CloseStatus TOO_MANY_TASKS = CloseStatus.INTERNAL_ERROR.withReason(
            "handler is " + SessionInbox.MAX_TASKS + " tasks behind");
    private static final Writable WRITABLE = new Writable();
    // The onWritable call: not asked for, asked for and waiting for the drain, or in the inbox. A request made while
    // the call is in the inbox asks for that same call.
    private static final int WRITABLE_IDLE = 0;
    private static final int WRITABLE_REQUESTED = 1;
    private static final int WRITABLE_IN_LINE = 2;

    private final String id;
    private final ProtocolRuntime runtime;
    private final Handshake handshake;
    private final Optional<Object> attachment;
    private final FrameQueue frames;
    private final SessionActivity activity;
    private final SessionInbox inbox;
    private final Duration handlerTimeout;
    private final SendCompression compression;
    private final AtomicBoolean closeDelivered = new AtomicBoolean();
    // The close status the server sent, once it started the closing handshake; null while the session is open.
    private final AtomicReference<CloseStatus> closeSent = new AtomicReference<>();
    // Set when the closing handshake starts: messages still in the inbox then go to no handler.
    private volatile boolean closing;
    // Written by the call that opens the session, read by the later calls, each on a handler thread.
    private volatile MessageHandler handler;
    // The handler call running now (since 0: none), for the watchdog; stallReported once it has judged it.
    private volatile long callSince;
    private volatile PluginEvent callEvent;
    private volatile boolean stallReported;
    // Backpressure: the onWritable call's state, what channels run once this session's queue has drained (a
    // publisher held back until it has), and the holds that wait for this session alone.
    private final AtomicInteger writable = new AtomicInteger(WRITABLE_IDLE);
    private final Queue<Runnable> drainWaiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger holdsWaitingAlone = new AtomicInteger();
    // The supervisor's alone: time spent keeping publishers waiting alone, less the time spent not, and its last look.
    private long waitingDebtNanos;
    private long lastLookNanos;

    ConnectionSession(String id,
                      ProtocolRuntime runtime,
                      Handshake handshake,
                      Optional<Object> attachment,
                      FrameQueue frames,
                      HandlerThreads handlerThreads,
                      ConnectionSettings settings,
                      SendCompression compression) {
        this.id = id;
        this.runtime = runtime;
        this.handshake = handshake;
        this.attachment = attachment;
        this.frames = frames;
        this.activity = runtime.meters().session(id, handshake.remoteAddress());
        // As much waiting for the handler as the client may send in one message: the connection's memory stays
        // within two of its largest messages, one being assembled and one (or many small ones) waiting.
        this.inbox = new SessionInbox(this, handlerThreads, settings.maxMessageBytes());
        this.handlerTimeout = settings.handlerTimeout();
        this.compression = compression;
    }

    /**
     * What the session received and sent, for the connection to count what arrives.
     *
     * @return the session's tally
     */
    SessionActivity activity() {
        return activity;
    }

    /** Hands the session to its protocol, first in its inbox; a protocol that throws closes it with 1011. */
    void open() {
        activity.opened();
        inbox.event(OPENING);
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
     * The client's close frame arrived: once the messages before it have reached the handler (so that what they
     * send goes out before the close frame), answer it unless the server already sent its own.
     *
     * @param status the client's code and reason
     */
    void closeReceived(CloseStatus status) {
        inbox.event(new ClientClose(status));
    }

    /**
     * The client broke a framing rule: the server closes with the violation's status once the messages that came
     * before the broken frame have reached the handler, so that their answers go out before the close frame (what
     * Autobahn's strict cases ask for). At once if no call waits or runs.
     *
     * @param status the status to send
     */
    void protocolError(CloseStatus status) {
        if (!inbox.afterPendingCalls(new ProtocolError(status))) {
            startClose(status, false);
        }
    }

    /**
     * Starts the server's side of the closing handshake for a broken rule or a timeout, whatever the code. Frames
     * already queued are written before the close frame, as other servers do (node's {@code ws}): an answer to a
     * message that came before a protocol error still reaches the client. (A client that does not read gets
     * {@link #closeSlowConsumer}, which drops them; the send timeout still watches a close frame stuck behind them.)
     *
     * @param status the status to send
     */
    void closeForViolation(CloseStatus status) {
        startClose(status, false);
    }

    /**
     * Starts the closing handshake for a client that stays over its inbound limits (1008), after the frames already
     * queued. Counted unless the session was closing already.
     *
     * @param status the status to send, its reason naming the limit
     */
    void closeOverLimit(CloseStatus status) {
        if (startClose(status, false)) {
            activity.inboundLimitClosed();
        }
    }

    /**
     * Starts the closing handshake for a client that does not read what it is sent (1008); frames still queued are
     * dropped. Counted as a slow consumer unless the session was closing already.
     *
     * @param status the status to send
     */
    void closeSlowConsumer(CloseStatus status) {
        if (startClose(status, true)) {
            activity.slowConsumerClosed();
        }
    }

    /**
     * The connection is over. Puts the close event in line, if that has not happened yet: it runs after the call
     * running now returns (or never, if it never does), and neither this connection's end nor a server shutdown
     * waits for it.
     *
     * @param status what ended it
     */
    void ended(CloseStatus status) {
        if (!closeDelivered.compareAndSet(false, true)) {
            return;
        }
        closeSent.compareAndSet(null, status);
        // Counted and logged before the runtime lets go of the session; a stopping server waits for the close
        // event too (closeDelivered).
        activity.ended(status.code(), status.reason());
        runtime.closed(this);
        releaseDrainWaiters();
        inbox.stopWaiting();
        inbox.closeEvent(new CloseEvent(status));
    }

    /**
     * Makes one call from the inbox; called by a handler thread, one call of this session at a time.
     *
     * @param event what the inbox held
     */
    void call(Object event) {
        // Publishes made by this call know their publisher through the thread.
        if (Thread.currentThread() instanceof HandlerThread thread) {
            thread.calling(this);
            try {
                dispatch(event);
            } finally {
                thread.calling(null);
            }
        } else {
            dispatch(event);
        }
    }

    private void dispatch(Object event) {
        switch (event) {
            case String text -> message(PluginEvent.ON_TEXT, text);
            case ByteBuffer data -> message(PluginEvent.ON_BINARY, data);
            case ClientClose close -> startClose(close.status(), false);
            case ProtocolError error -> startClose(error.status(), false);
            case CloseEvent close -> deliverClose(close.status());
            case Pong pong -> queueControl(pong.frame());
            case Opening opening -> openHandler();
            case SessionInbox.Task task -> runTask(task.runnable());
            case Writable writable -> writable();
            default -> throw new IllegalArgumentException("not an inbox event: " + event.getClass().getName());
        }
    }

    /**
     * Called on the watchdog's tick while a thread makes this session's calls: hands a call that has run past the
     * handler timeout to the watchdog, once.
     *
     * @param now      {@link System#nanoTime()}
     * @param thread   the thread making the call
     * @param watchdog the watchdog
     */
    void watch(long now, Thread thread, HandlerWatchdog watchdog) {
        long since = callSince;
        PluginEvent event = callEvent;
        if (since != 0 && event != null && !stallReported && now - since > handlerTimeout.toNanos()) {
            stallReported = true;
            watchdog.stalled(this, event, handlerTimeout, thread);
        }
    }

    /**
     * A call of this session ran past the handler timeout: counted, and the session closed with 1011.
     *
     * @param event   which call
     * @param timeout the timeout it ran past
     */
    void stalled(PluginEvent event, Duration timeout) {
        runtime.handlerStalled();
        startClose(CloseStatus.INTERNAL_ERROR.withReason("handler timeout: " + event.tag() + " ran longer than "
                                                                 + HandlerWatchdog.millis(timeout)), false);
    }

    private void openHandler() {
        callStarted(PluginEvent.OPEN);
        try {
            handler = runtime.open(this);
            if (closeDelivered.get()) {
                // Ended while the protocol was opening it: it must not stay counted. Its close event is next in line.
                runtime.closed(this);
            }
        } catch (Throwable e) {
            handlerFailed(PluginEvent.OPEN, e);
        } finally {
            callSince = 0;
        }
    }

    private void message(PluginEvent event, Object message) {
        MessageHandler target = handler;
        if (target == null || closing) {
            return;
        }
        callStarted(event);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(runtime.loader());
        try {
            if (message instanceof String text) {
                target.onText(text);
            } else {
                target.onBinary((ByteBuffer) message);
            }
        } catch (Throwable e) {
            // Throwable: a handler written in another JVM language may throw checked exceptions undeclared.
            handlerFailed(event, e);
        } finally {
            callSince = 0;
            thread.setContextClassLoader(previous);
        }
    }

    // Tasks run whether or not the session is closing: what a protocol hands a session may be its cleanup.
    private void runTask(Runnable task) {
        callStarted(PluginEvent.EXECUTE);
        try {
            ContextClassLoader.run(runtime.loader(), task);
        } catch (Throwable e) {
            handlerFailed(PluginEvent.EXECUTE, e);
        } finally {
            callSince = 0;
        }
    }

    private void writable() {
        MessageHandler target = handler;
        // Not closing alone: a session that ended without a closing handshake (its connection broke) is not open
        // either, and an onWritable in line then, or put in line after its close event, goes to no handler.
        if (target == null || !isOpen()) {
            return;
        }
        // A request made by the call itself asks for a new one.
        writable.set(WRITABLE_IDLE);
        callStarted(PluginEvent.ON_WRITABLE);
        try {
            ContextClassLoader.run(runtime.loader(), target::onWritable);
        } catch (Throwable e) {
            handlerFailed(PluginEvent.ON_WRITABLE, e);
        } finally {
            callSince = 0;
        }
    }

    private void deliverClose(CloseStatus status) {
        callStarted(PluginEvent.ON_CLOSE);
        try {
            MessageHandler target = handler;
            if (target != null) {
                ContextClassLoader.run(runtime.loader(), () -> target.onClose(status));
            }
        } catch (Throwable e) {
            runtime.handlerFailed("Protocol " + subprotocol() + " session " + id + ": onClose failed: "
                                          + ProtocolJarLoader.causeText(e));
            activity.pluginError(PluginEvent.ON_CLOSE);
        } finally {
            callSince = 0;
            runtime.closeDelivered(this);
        }
    }

    // The reported flag is cleared before the start is set, so the watchdog never sees a new call as reported.
    private void callStarted(PluginEvent event) {
        stallReported = false;
        callEvent = event;
        callSince = System.nanoTime();
    }

    /**
     * The status the server sent to start the closing handshake.
     *
     * @return the status, or {@code null} while the server has not started closing
     */
    CloseStatus closeSent() {
        return closeSent.get();
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
        return isOpen() && queueMessage(frame, FrameEncoder.payloadLength(frame));
    }

    @Override
    public boolean sendMessage(OutboundMessage message) {
        return isOpen() && queueMessage(frame(message), message.payloadBytes());
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
                startClose(TOO_MANY_TASKS, false);
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
        return frames.queuedBytes();
    }

    @Override
    public boolean isWritable() {
        return isOpen() && !frames.aboveHighWater();
    }

    @Override
    public void requestWritable() {
        if (isOpen() && writable.compareAndSet(WRITABLE_IDLE, WRITABLE_REQUESTED)) {
            frames.watchDrain();
        }
    }

    @Override
    public boolean behind() {
        return frames.aboveHighWater();
    }

    @Override
    public void whenDrained(Runnable action) {
        drainWaiters.add(action);
        if (isOpen()) {
            frames.watchDrain();
        } else {
            // Closing: nobody waits for a session that is going; the close may have released the others already.
            releaseDrainWaiters();
        }
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

    /**
     * The send queue has drained to its low-water mark after someone asked: the handler's onWritable goes in line,
     * and whoever waited for the drain goes on.
     */
    void queueDrained() {
        if (isOpen() && writable.compareAndSet(WRITABLE_REQUESTED, WRITABLE_IN_LINE)) {
            inbox.event(WRITABLE);
        }
        releaseDrainWaiters();
    }

    @Override
    public void keepsPublisherWaiting(boolean waiting) {
        holdsWaitingAlone.addAndGet(waiting ? 1 : -1);
    }

    /**
     * Called on the supervisor's tick: whether this session has kept channel publishers waiting alone, the other
     * members having drained, for longer than the timeout in all, less the time it did not. A member that all wait for
     * now and then (a busy server) pays its debt back; one that sets the channel's pace runs it up. Only the
     * supervisor calls it.
     *
     * @param now     {@link System#nanoTime()}
     * @param timeout the most debt, the send timeout
     * @return {@code true} when the session holds others back: a slow consumer
     */
    boolean keepsOthersWaiting(long now, Duration timeout) {
        long elapsed = lastLookNanos == 0 ? 0 : now - lastLookNanos;
        lastLookNanos = now;
        waitingDebtNanos = holdsWaitingAlone.get() > 0
                ? waitingDebtNanos + elapsed
                : Math.max(0, waitingDebtNanos - elapsed);
        return waitingDebtNanos > timeout.toNanos();
    }

    private void releaseDrainWaiters() {
        Runnable waiter;
        while ((waiter = drainWaiters.poll()) != null) {
            waiter.run();
        }
    }

    // A refused offer asks for onWritable, unless the session is going.
    private boolean offerMessage(OutboundMessage message) {
        if (message != null) {
            byte[] frame = frame(message);
            if (frames.offerBelowHighWater(frame)) {
                counted(frame, message.payloadBytes());
                return true;
            }
        }
        requestWritable();
        return false;
    }

    @Override
    public void close(CloseStatus status) {
        if (!CloseStatus.isSendable(status.code())) {
            throw new IllegalArgumentException("Close code " + status.code() + " cannot be sent; use 1000-1003, "
                                                       + "1007-1014 or 3000-4999");
        }
        startClose(status, false);
    }

    @Override
    public void abandon(CloseStatus status) {
        frames.abort();
        ended(status);
    }

    @Override
    public boolean isOpen() {
        return closeSent.get() == null && !closeDelivered.get();
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

    /**
     * Queues a pong, after what the handler sends for the messages that came before the ping: frames are answered
     * in the order they came. With no call waiting or running, that is at once.
     *
     * @param frame the encoded pong
     */
    void control(byte[] frame) {
        if (!inbox.afterPendingCalls(new Pong(frame))) {
            queueControl(frame);
        }
    }

    // A client whose queue is full is not reading, pongs included.
    private void queueControl(byte[] frame) {
        if (!frames.control(frame)) {
            queueRefused();
        }
    }

    /**
     * Queues a keepalive ping, within the queue's bound like any other frame.
     *
     * @param frame the encoded ping
     */
    void ping(byte[] frame) {
        if (!frames.ping(frame)) {
            queueRefused();
        }
    }

    // The frame this session sends for a message: compressed if negotiated and the message is large enough.
    private byte[] frame(OutboundMessage message) {
        return compression.compresses(message)
                ? message.compressedFrame(compression.deflater())
                : message.plainFrame();
    }

    // A queued message counts its size before compression; a compressed one (RSV1) also its size on the wire.
    private void counted(byte[] frame, int payloadBytes) {
        activity.messageSent(payloadBytes);
        if ((frame[0] & 0x40) != 0) {
            runtime.meters().compressedSent(payloadBytes, FrameEncoder.payloadLength(frame));
        }
    }

    private boolean queueMessage(byte[] frame, int payloadBytes) {
        if (frames.offer(frame)) {
            counted(frame, payloadBytes);
            return true;
        }
        queueRefused();
        return false;
    }

    // The queue refused a frame: over its bound, which makes a slow consumer, or no longer taking any because the
    // connection is closing or gone, which does not.
    private void queueRefused() {
        if (frames.accepting()) {
            closeSlowConsumer(SLOW_CONSUMER);
        } else {
            startClose(SLOW_CONSUMER, true);
        }
    }

    // Whether this call started the closing handshake.
    private boolean startClose(CloseStatus status, boolean dropQueued) {
        if (closeSent.compareAndSet(null, status)) {
            closing = true;
            inbox.stopWaiting();
            frames.close(status, dropQueued);
            releaseDrainWaiters();
            return true;
        }
        return false;
    }

    // The inbox's events besides messages: the session's opening, the client's close frame, the server's close for a
    // broken rule, a pong to send after the calls before its ping, the queue drained after an onWritable request, the
    // close event.
    private record Opening() {
    }

    private record Writable() {
    }

    private record ClientClose(CloseStatus status) {
    }

    private record ProtocolError(CloseStatus status) {
    }

    private record CloseEvent(CloseStatus status) {
    }

    private record Pong(byte[] frame) {
    }

    // A plugin fault stays local: this session closes with 1011, nothing else is affected.
    private void handlerFailed(PluginEvent event, Throwable e) {
        runtime.handlerFailed("Protocol " + subprotocol() + " session " + id + ": " + event.tag() + " failed: "
                                      + ProtocolJarLoader.causeText(e));
        LOGGER.log(DEBUG, () -> "Stack trace of the failure in session " + id, e);
        activity.pluginError(event);
        startClose(CloseStatus.INTERNAL_ERROR, false);
    }
}
