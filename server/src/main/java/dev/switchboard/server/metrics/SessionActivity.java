package dev.switchboard.server.metrics;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's tally: what it received and sent, counted for the session's own log line and, as it happens, for its
 * protocol's meters. Thread-safe: the connection's reader counts what arrives, any sender what leaves.
 */
public final class SessionActivity {

    private final String id;
    private final String protocol;
    private final InetSocketAddress peer;
    private final ProtocolMeters meters;
    private final long startNanos = System.nanoTime();
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();

    SessionActivity(String id, String protocol, InetSocketAddress peer, ProtocolMeters meters) {
        this.id = id;
        this.protocol = protocol;
        this.peer = peer;
        this.meters = meters;
    }

    /** The session was handed to its protocol. */
    public void opened() {
        meters.opened();
    }

    /**
     * A data frame arrived; its bytes count as they arrive, even if the message never completes.
     *
     * @param payloadBytes the frame's payload length
     */
    public void frameReceived(int payloadBytes) {
        bytesIn.addAndGet(payloadBytes);
        meters.frameReceived(payloadBytes);
    }

    /** A whole message arrived. */
    public void messageReceived() {
        messagesIn.incrementAndGet();
        meters.messageReceived();
    }

    /**
     * A message was queued for the client.
     *
     * @param payloadBytes its payload length
     */
    public void messageSent(int payloadBytes) {
        messagesOut.incrementAndGet();
        bytesOut.addAndGet(payloadBytes);
        meters.messageSent(payloadBytes);
    }

    /**
     * A plugin call failed.
     *
     * @param event which call
     */
    public void pluginError(PluginEvent event) {
        meters.pluginError(event);
    }

    /** The session is being closed because its client does not read what it is sent. */
    public void slowConsumerClosed() {
        meters.slowConsumerClosed();
    }

    /** The session is being closed because its client stays over its inbound limits. */
    public void inboundLimitClosed() {
        meters.inboundLimitClosed();
    }

    /**
     * The session is over: counts it by close code and writes its log line. Call once.
     *
     * @param code   the close code it ended with (1006 when the connection broke)
     * @param reason the close reason, or what broke
     */
    public void ended(int code, String reason) {
        meters.closed(code);
        SessionLog.closed(new SessionLog.Record(id, peer, protocol, Duration.ofNanos(System.nanoTime() - startNanos),
                                                messagesIn.get(), messagesOut.get(), bytesIn.get(), bytesOut.get(),
                                                code, reason));
    }
}
