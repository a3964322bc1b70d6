package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Handshake;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.runtime.ServerSession;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * A protocol's {@link Session} over one Helidon WebSocket connection.
 *
 * <p>Sends never block the caller: messages go to a queue that a virtual thread drains while it has work, so a
 * client that stops reading stalls only its own writer. Calls into the protocol's handler are serialized by a lock
 * and run with the protocol's context class loader; the close event reaches the handler once.
 */
final class ConnectionSession implements ServerSession {

    private static final System.Logger LOGGER = System.getLogger(ConnectionSession.class.getName());

    // How long a server-initiated close waits for the client's close frame before dropping the connection.
    private static final long CLOSE_REPLY_TIMEOUT_SECONDS = 5;

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final String id;
    private final String subprotocol;
    private final ProtocolRuntime runtime;
    private final HandshakeRequest handshake;
    private final WsSession ws;
    private final long queueLimitBytes;

    private final Queue<Outbound> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final AtomicBoolean closeDelivered = new AtomicBoolean();
    private final CountDownLatch closeReceived = new CountDownLatch(1);
    private final ReentrantLock handlerLock = new ReentrantLock();
    private MessageHandler handler;

    ConnectionSession(String id,
                      String subprotocol,
                      ProtocolRuntime runtime,
                      HandshakeRequest handshake,
                      WsSession ws,
                      long queueLimitBytes) {
        this.id = id;
        this.subprotocol = subprotocol;
        this.runtime = runtime;
        this.handshake = handshake;
        this.ws = ws;
        this.queueLimitBytes = queueLimitBytes;
    }

    /** Hands the session to its protocol. */
    void open() {
        handlerLock.lock();
        try {
            handler = runtime.open(this);
            if (closeDelivered.get()) {
                // Ended while the protocol was opening it: it must not stay counted.
                runtime.closed(this);
            }
        } catch (RuntimeException | Error e) {
            handlerFailed("open", e);
        } finally {
            handlerLock.unlock();
        }
    }

    void deliverText(String text) {
        deliver("onText", h -> h.onText(text));
    }

    void deliverBinary(ByteBuffer data) {
        deliver("onBinary", h -> h.onBinary(data));
    }

    /** The client sent a close frame, or the connection reported its closing handshake done. */
    void closedByPeer(int code, String reason) {
        state.set(CLOSED);
        closeReceived.countDown();
        deliverClose(CloseStatus.of(code, reason));
    }

    /** The connection broke without a close handshake. */
    void failed(Throwable cause) {
        state.set(CLOSED);
        closeReceived.countDown();
        deliverClose(CloseStatus.of(CloseStatus.ABNORMAL_CLOSURE_CODE, ProtocolJarLoader.causeText(cause)));
    }

    @Override
    public boolean send(String text) {
        return enqueue(new Outbound.Text(text), text.length());
    }

    @Override
    public boolean send(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return enqueue(new Outbound.Binary(bytes), bytes.length);
    }

    @Override
    public boolean sendShared(byte[] bytes) {
        return enqueue(new Outbound.Binary(bytes), bytes.length);
    }

    @Override
    public void close(CloseStatus status) {
        if (!CloseStatus.isSendable(status.code())) {
            throw new IllegalArgumentException("Close code " + status.code() + " cannot be sent; use 1000-1003, "
                                                       + "1007-1014 or 3000-4999");
        }
        if (state.compareAndSet(OPEN, CLOSING)) {
            outbound.add(new Outbound.Close(status));
            startWriter();
        }
    }

    @Override
    public void abandon(CloseStatus status) {
        state.set(CLOSED);
        closeReceived.countDown();
        deliverClose(status);
    }

    @Override
    public boolean isOpen() {
        return state.get() == OPEN;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public String toString() {
        return id + " (" + subprotocol + ", " + handshake.remoteAddress() + ")";
    }

    private boolean enqueue(Outbound message, long size) {
        if (state.get() != OPEN) {
            return false;
        }
        long queued = queuedBytes.addAndGet(size);
        // One message larger than the limit still goes through an empty queue, so big messages stay possible.
        if (queued > queueLimitBytes && queued != size) {
            queuedBytes.addAndGet(-size);
            close(CloseStatus.POLICY_VIOLATION.withReason("client does not read fast enough"));
            return false;
        }
        outbound.add(message);
        startWriter();
        return true;
    }

    private void startWriter() {
        if (writing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("switchboard-writer-" + id).start(this::drain);
        }
    }

    private void drain() {
        do {
            Outbound message;
            while ((message = outbound.poll()) != null) {
                if (state.get() == CLOSED || !write(message)) {
                    outbound.clear();
                    return;
                }
            }
            writing.set(false);
            // A message queued after the last poll but before the flag was cleared would be stranded otherwise.
        } while (!outbound.isEmpty() && writing.compareAndSet(false, true));
    }

    private boolean write(Outbound message) {
        try {
            switch (message) {
                case Outbound.Text text -> {
                    ws.send(text.text(), true);
                    queuedBytes.addAndGet(-text.text().length());
                }
                case Outbound.Binary binary -> {
                    ws.send(BufferData.create(binary.bytes()), true);
                    queuedBytes.addAndGet(-binary.bytes().length);
                }
                case Outbound.Close close -> {
                    ws.close(close.status().code(), CloseReasons.fitted(close.status().reason()));
                    awaitCloseReply(close.status());
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOGGER.log(DEBUG, () -> "Write to session " + this + " failed", e);
            failed(e);
            terminate();
            return false;
        }
    }

    private void awaitCloseReply(CloseStatus sent) {
        try {
            if (!closeReceived.await(CLOSE_REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                deliverClose(sent.withReason(sent.reason() + " (client did not answer the close frame)"));
                terminate();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Helidon's terminate() always ends by throwing, to unwind its own connection thread; on this writer thread
    // the exception means nothing more than "done".
    private void terminate() {
        try {
            ws.terminate();
        } catch (RuntimeException expected) {
            LOGGER.log(DEBUG, () -> "Session " + id + " terminated: " + expected);
        }
    }

    private void deliver(String event, Consumer<MessageHandler> call) {
        handlerLock.lock();
        try {
            if (handler != null && state.get() == OPEN) {
                ContextClassLoader.run(runtime.loader(), () -> call.accept(handler));
            }
        } catch (RuntimeException | Error e) {
            handlerFailed(event, e);
        } finally {
            handlerLock.unlock();
        }
    }

    private void deliverClose(CloseStatus status) {
        if (!closeDelivered.compareAndSet(false, true)) {
            return;
        }
        state.set(CLOSED);
        handlerLock.lock();
        try {
            runtime.closed(this);
            if (handler != null) {
                ContextClassLoader.run(runtime.loader(), () -> handler.onClose(status));
            }
        } catch (RuntimeException | Error e) {
            LOGGER.log(WARNING, "Protocol " + subprotocol + " session " + id + ": onClose failed: "
                    + ProtocolJarLoader.causeText(e));
        } finally {
            handlerLock.unlock();
        }
    }

    // A plugin fault stays local: this session closes with 1011, nothing else is affected.
    private void handlerFailed(String event, Throwable e) {
        LOGGER.log(WARNING, "Protocol " + subprotocol + " session " + id + ": " + event + " failed: "
                + ProtocolJarLoader.causeText(e));
        LOGGER.log(DEBUG, () -> "Stack trace of the failure in session " + id, e);
        close(CloseStatus.INTERNAL_ERROR);
    }
}
