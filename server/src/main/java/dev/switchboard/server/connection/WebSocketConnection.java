package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Optional;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.server.config.ConnectionSettings;
import dev.switchboard.server.deflate.DeflateParameters;
import dev.switchboard.server.deflate.MessageInflater;
import dev.switchboard.server.deflate.SendCompression;
import dev.switchboard.server.deflate.ZlibPools;
import dev.switchboard.server.frame.CloseFrames;
import dev.switchboard.server.frame.Frame;
import dev.switchboard.server.frame.FrameEncoder;
import dev.switchboard.server.frame.FrameReader;
import dev.switchboard.server.frame.OpCode;
import dev.switchboard.server.frame.ProtocolViolation;
import dev.switchboard.server.frame.Utf8Validator;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.runtime.ProtocolRuntime;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * One upgraded WebSocket connection, served on the virtual thread Helidon gave the TCP connection: this thread
 * reads frames and puts the messages in the session's inbox, which {@link HandlerThreads} deliver to the protocol's
 * handler; the {@link SocketWriter} writes what the session's {@link SendQueue} lets through.
 *
 * <p>{@link #handle(Limit)} returns when the connection is over, and Helidon then closes the socket, so every way
 * out passes through one place that delivers the close event. Nothing may escape it: Helidon would write an HTTP
 * error into the WebSocket stream.
 */
public final class WebSocketConnection implements ServerConnection {

    private static final System.Logger LOGGER = System.getLogger(WebSocketConnection.class.getName());
    private static final byte[] PING = FrameEncoder.ping(new byte[0]);

    private final ConnectionContext ctx;
    private final SessionState state = new SessionState();
    private final ConnectionSession session;
    private final SendQueue queue;
    private final SocketWriter writer;
    private final ConnectionSettings settings;
    private final ConnectionSupervisor supervisor;
    private final ReadPacer pacer;
    // permessage-deflate, when the client negotiated it.
    private final Optional<DeflateParameters> deflate;
    private final ZlibPools zlibPools;
    private final ProtocolMeters meters;
    // The thread in handle(), guarded by itself: interrupts must never reach it once handle() has left.
    private final Object readerLock = new Object();
    private Thread reader;
    private volatile long lastReadNanos = System.nanoTime();
    // Whether a keepalive ping is waiting for the client to show life.
    private volatile boolean pingSent;

    // Made for a handshake the server answered with 101; handle() serves it.
    public WebSocketConnection(ConnectionContext ctx,
                        String id,
                        ProtocolRuntime runtime,
                        Handshake handshake,
                        Optional<Object> attachment,
                        ConnectionSettings settings,
                        ConnectionSupervisor supervisor,
                        HandlerThreads handlerThreads,
                        Optional<DeflateParameters> deflate,
                        ZlibPools zlibPools,
                        SendCompression compression) {
        this.ctx = ctx;
        this.settings = settings;
        this.supervisor = supervisor;
        this.queue = new SendQueue(ctx.dataWriter(), state, settings.queueLimitBytes(), this::writeFailed,
                                   this::queueDrained);
        this.writer = queue.writer();
        this.session = new ConnectionSession(id, runtime, handshake, attachment, state, queue, handlerThreads, settings,
                                             compression);
        this.deflate = deflate;
        this.zlibPools = zlibPools;
        this.meters = runtime.meters();
        this.pacer = new ReadPacer(settings.inboundLimits(), System.nanoTime(), session.closing()::overLimit);
    }

    @Override
    public void handle(Limit limit) {
        synchronized (readerLock) {
            reader = Thread.currentThread();
        }
        CloseStatus end = null;
        supervisor.watch(this);
        try {
            session.open();
            end = readUntilClosed();
        } catch (ProtocolViolation violation) {
            session.closing().protocolError(violation.closeStatus());
            state.awaitWritingStopped(settings.closeTimeout());
            end = violation.closeStatus();
        } catch (Throwable e) {
            // EOF, a reset, or the socket closed under a blocked read by an interrupt (timeouts, shutdown); and
            // whatever else: nothing may leave handle().
            end = ended(e);
        } finally {
            synchronized (readerLock) {
                reader = null;
            }
            Thread.interrupted();
            supervisor.forget(this);
            queue.abort();
            session.closing().ended(end == null ? abnormal("connection ended") : end);
        }
    }

    @Override
    public Duration idleTime() {
        long last = Math.max(lastReadNanos, writer.lastWriteNanos());
        return Duration.ofNanos(System.nanoTime() - last);
    }

    @Override
    public void close(boolean interrupt) {
        // Helidon's idle timeout and server stop: start the closing handshake, and cut the read if asked to.
        session.closing().forViolation(CloseStatus.GOING_AWAY);
        if (interrupt) {
            interruptReader();
        }
    }

    /**
     * Called by the supervisor on its tick: keepalive pings, dead clients, stuck writes, unanswered closes.
     *
     * @param now {@link System#nanoTime()}
     */
    void supervise(long now) {
        long writeProgress = writer.writeProgressNanos();
        if (writeProgress != 0 && now - writeProgress > settings.sendTimeout().toNanos()) {
            // The close frame cannot pass a write that is stuck: cut the socket. Not "read nothing": Linux wakes a
            // writer blocked on a full socket only once a third of its buffer has drained, so a client that reads,
            // slowly, ends here too (bench/results/2026-12-06-fanout-slow-readers.md).
            session.closing().slowConsumer(CloseStatus.POLICY_VIOLATION.withReason(
                    "send timeout: no write to the client progressed for "
                            + HandlerWatchdog.millis(settings.sendTimeout())));
            writer.interrupt();
            interruptReader();
            return;
        }
        if (session.backpressure().keepsOthersWaiting(now, settings.sendTimeout())) {
            // Channel publishers are held back for this client and at most half of the members: it reads, but far
            // slower than the others.
            session.closing().slowConsumer(CloseStatus.POLICY_VIOLATION.withReason(
                    "client does not read fast enough: its channels waited for it for "
                            + HandlerWatchdog.millis(settings.sendTimeout())));
            return;
        }
        if (!state.isOpen()) {
            // Counted from when the close frame reached the socket: before that, the send timeout watches.
            long closeWritten = state.closeWrittenNanos();
            if (closeWritten != 0 && now - closeWritten > settings.closeTimeout().toNanos()) {
                interruptReader();
            }
            return;
        }
        if (!settings.keepalive() || session.receivingPaused()) {
            // A reader waiting for the handler reads nothing: the client's silence would be the server's own.
            return;
        }
        long pingWritten = writer.pingWrittenNanos();
        // The client's time to answer starts when the ping reached the socket, not while it waited behind a
        // backlog (the send timeout watches that).
        if (pingSent && pingWritten != 0 && now - pingWritten > settings.keepaliveTimeout().toNanos()) {
            session.closing().forViolation(CloseStatus.GOING_AWAY.withReason(
                    "keepalive timeout: no answer to a ping within " + HandlerWatchdog.millis(settings.keepaliveTimeout())));
        } else if (!pingSent && now - lastReadNanos > settings.keepaliveInterval().toNanos()) {
            pingSent = true;
            session.outbox().ping(PING);
        }
    }

    private CloseStatus readUntilClosed() throws ProtocolViolation, InterruptedException {
        FrameReader reader = new FrameReader(new DataReaderSource(ctx.dataReader(), this::arrived, pacer::blocked),
                                             settings.maxMessageBytes(), deflate.isPresent());
        MessageInflater inflater = deflate.map(parameters -> new MessageInflater(
                parameters, zlibPools, settings.maxMessageBytes(), this::inflated)).orElse(null);
        try {
            return readFrames(reader, inflater);
        } finally {
            if (inflater != null) {
                inflater.release();
            }
        }
    }

    private CloseStatus readFrames(FrameReader reader, MessageInflater inflater)
            throws ProtocolViolation, InterruptedException {
        MessageAssembler assembler = new MessageAssembler();
        // The opcode of the compressed message being received: its continuations carry none.
        int compressedOpCode = OpCode.TEXT;
        while (true) {
            Frame frame = reader.read();
            pacer.frameRead();
            switch (frame.opCode()) {
                case OpCode.CLOSE -> {
                    CloseStatus received = CloseFrames.parse(frame.payload());
                    session.closing().received(received);
                    state.awaitWritingStopped(settings.closeTimeout());
                    // The server's own close, if it sent one first; else the client's, which the server echoed.
                    CloseStatus sent = state.closeSent();
                    return sent != null ? sent : received;
                }
                case OpCode.PING -> session.control(FrameEncoder.pong(frame.payload()));
                case OpCode.PONG -> {
                    // Life, counted as its bytes arrived.
                }
                default -> {
                    session.activity().frameReceived(frame.payload().length);
                    if (frame.compressed() && frame.opCode() != OpCode.CONTINUATION) {
                        compressedOpCode = frame.opCode();
                    }
                    Object message = frame.compressed()
                            ? inflated(inflater, frame, compressedOpCode, assembler)
                            : assembler.add(frame);
                    if (message != null) {
                        session.activity().messageReceived();
                    }
                    // Once the server has sent its close frame, data is read only to find the client's.
                    if (message != null && state.closeSent() == null) {
                        session.deliver(message);
                    }
                }
            }
        }
    }

    // A compressed message's frame: the whole message, inflated and for text checked as UTF-8, once the last arrives.
    private Object inflated(MessageInflater inflater, Frame frame, int opCode, MessageAssembler assembler)
            throws ProtocolViolation {
        byte[] whole = inflater.inflate(frame.payload(), frame.fin());
        if (whole == null) {
            return null;
        }
        meters.compressedReceived(whole.length, inflater.lastWireBytes());
        if (opCode == OpCode.TEXT) {
            Utf8Validator utf8 = new Utf8Validator();
            utf8.validate(whole, 0, whole.length);
            utf8.complete();
        }
        return assembler.add(new Frame(true, opCode, whole, false));
    }

    // Inflated bytes count like bytes read: a flood of small compressed messages that inflate to much is paced as
    // the bytes it becomes, and spends the read budget that keeps one reader from holding its carrier.
    private void inflated(int bytes) {
        pacer.bytesRead(bytes, System.nanoTime());
    }

    private CloseStatus ended(Throwable cause) {
        CloseStatus sent = state.closeSent();
        if (sent != null) {
            // The server's close went out and the client hung up or never answered: the session ended as sent.
            return sent;
        }
        Throwable failure = state.writeFailure() == null ? cause : state.writeFailure();
        LOGGER.log(System.Logger.Level.DEBUG, () -> "Session " + session.id() + " connection ended", failure);
        return abnormal(ProtocolJarLoader.causeText(failure));
    }

    // Called by the queue, which is made before the session.
    private void queueDrained() {
        session.backpressure().queueDrained();
    }

    // The writer hit a dead socket (the state keeps the failure): stop reading from it too.
    private void writeFailed(Throwable failure) {
        interruptReader();
    }

    // Any bytes from the client, not only a pong, show it is alive.
    private void arrived(int bytes) {
        long now = System.nanoTime();
        lastReadNanos = now;
        pingSent = false;
        pacer.bytesRead(bytes, now);
    }

    private void interruptReader() {
        synchronized (readerLock) {
            if (reader != null) {
                reader.interrupt();
            }
        }
    }

    private static CloseStatus abnormal(String cause) {
        return CloseStatus.of(CloseStatus.ABNORMAL_CLOSURE_CODE, cause);
    }
}
