package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.server.frame.FrameEncoder;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.metrics.SessionActivity;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.runtime.ServerSession;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * A protocol's {@link dev.switchboard.api.Session} over one WebSocket connection, and the connection's lifecycle.
 *
 * <p>Sending queues encoded frames on the session's {@link FrameQueue}, so a caller never blocks. Calls into the
 * handler are serialized by a lock, run with the protocol's context class loader and stop once the session is
 * closing. Whatever ends the session, {@link #ended(CloseStatus)} delivers the handler's close event exactly once, and
 * the session's {@link SessionActivity} counts it and logs it.
 */
final class ConnectionSession implements ServerSession {

    private static final System.Logger LOGGER = System.getLogger(ConnectionSession.class.getName());
    private static final CloseStatus SLOW_CONSUMER =
            CloseStatus.POLICY_VIOLATION.withReason("client does not read fast enough");

    private final String id;
    private final ProtocolRuntime runtime;
    private final HandshakeRequest handshake;
    private final Optional<Object> attachment;
    private final FrameQueue frames;
    private final SessionActivity activity;
    private final ReentrantLock handlerLock = new ReentrantLock();
    private final AtomicBoolean closeDelivered = new AtomicBoolean();
    // The close status the server sent, once it started the closing handshake; null while the session is open.
    private final AtomicReference<CloseStatus> closeSent = new AtomicReference<>();
    private MessageHandler handler;

    ConnectionSession(String id,
                      ProtocolRuntime runtime,
                      HandshakeRequest handshake,
                      Optional<Object> attachment,
                      FrameQueue frames) {
        this.id = id;
        this.runtime = runtime;
        this.handshake = handshake;
        this.attachment = attachment;
        this.frames = frames;
        this.activity = runtime.meters().session(id, handshake.remoteAddress());
    }

    /**
     * What the session received and sent, for the connection to count what arrives.
     *
     * @return the session's tally
     */
    SessionActivity activity() {
        return activity;
    }

    /** Hands the session to its protocol; a protocol that throws closes it with 1011. */
    void open() {
        activity.opened();
        handlerLock.lock();
        try {
            handler = runtime.open(this);
            if (closeDelivered.get()) {
                // Ended while the protocol was opening it: it must not stay counted. Its close event waits for this
                // lock. (ended() never comes before open(): the connection calls it after open() returns, and
                // abandon() reaches only sessions the runtime lists.)
                runtime.closed(this);
            }
        } catch (Throwable e) {
            handlerFailed(PluginEvent.OPEN, e);
        } finally {
            handlerLock.unlock();
        }
    }

    void deliver(Object message) {
        handlerLock.lock();
        try {
            if (handler != null && isOpen()) {
                ClassLoader previous = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(runtime.loader());
                try {
                    if (message instanceof String text) {
                        handler.onText(text);
                    } else {
                        handler.onBinary((ByteBuffer) message);
                    }
                } finally {
                    Thread.currentThread().setContextClassLoader(previous);
                }
            }
        } catch (Throwable e) {
            // Throwable: a handler written in another JVM language may throw checked exceptions undeclared.
            handlerFailed(message instanceof String ? PluginEvent.ON_TEXT : PluginEvent.ON_BINARY, e);
        } finally {
            handlerLock.unlock();
        }
    }

    /**
     * The client's close frame arrived: answer it unless the server already sent its own.
     *
     * @param status the client's code and reason
     * @return the status to report as the session's end
     */
    CloseStatus closeReceived(CloseStatus status) {
        startClose(status, false);
        return closeSent.get();
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
     * The connection is over. Delivers the close event if that has not happened yet.
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
        if (handlerLock.tryLock()) {
            deliverClose(status);
        } else {
            // A handler call is still running, perhaps blocked for good: the close event waits for it on a thread
            // of its own, so that neither this connection's end nor a server shutdown waits with it.
            Thread.ofVirtual().name("switchboard-close-" + id).start(() -> {
                handlerLock.lock();
                deliverClose(status);
            });
        }
    }

    // Called with the handler lock held; releases it.
    private void deliverClose(CloseStatus status) {
        try {
            if (handler != null) {
                ContextClassLoader.run(runtime.loader(), () -> handler.onClose(status));
            }
        } catch (Throwable e) {
            LOGGER.log(WARNING, "Protocol " + subprotocol() + " session " + id + ": onClose failed: "
                    + ProtocolJarLoader.causeText(e));
            activity.pluginError(PluginEvent.ON_CLOSE);
        } finally {
            handlerLock.unlock();
            runtime.closeDelivered(this);
        }
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
        return isOpen() && queueMessage(FrameEncoder.text(text));
    }

    @Override
    public boolean send(ByteBuffer data) {
        return isOpen() && queueMessage(FrameEncoder.binary(data));
    }

    @Override
    public boolean sendFrame(byte[] frame) {
        return isOpen() && queueMessage(frame);
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
     * Queues a ping or pong; a client whose queue is full is not reading, pings included.
     *
     * @param frame the encoded control frame
     */
    void control(byte[] frame) {
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

    private boolean queueMessage(byte[] frame) {
        if (frames.offer(frame)) {
            activity.messageSent(FrameEncoder.payloadLength(frame));
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
            frames.close(status, dropQueued);
            return true;
        }
        return false;
    }

    // A plugin fault stays local: this session closes with 1011, nothing else is affected.
    private void handlerFailed(PluginEvent event, Throwable e) {
        LOGGER.log(WARNING, "Protocol " + subprotocol() + " session " + id + ": " + event.tag() + " failed: "
                + ProtocolJarLoader.causeText(e));
        LOGGER.log(DEBUG, () -> "Stack trace of the failure in session " + id, e);
        activity.pluginError(event);
        startClose(CloseStatus.INTERNAL_ERROR, false);
    }
}
