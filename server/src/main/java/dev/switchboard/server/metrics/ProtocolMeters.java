package dev.switchboard.server.metrics;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.Tag;

/**
 * The meters of one protocol, all tagged {@code protocol}. The counts that move with every message are adders of
 * their own, which the scrape reads: an increment of a registered counter passes through the global registry's
 * composite meter, which took a quarter of the server's Java time in the echo benchmark (JFR).
 */
public final class ProtocolMeters {

    private final String protocol;
    private final ServerMetrics server;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();
    private final Counter opened;
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    // permessage-deflate: payload bytes of compressed messages before (raw) and after (wire) compression.
    private final LongAdder compressedInRaw = new LongAdder();
    private final LongAdder compressedInWire = new LongAdder();
    private final LongAdder compressedOutRaw = new LongAdder();
    private final LongAdder compressedOutWire = new LongAdder();
    private final Counter slowConsumerCloses;
    private final Counter handlerStalls;
    private final Counter inboundLimitCloses;
    private final Map<PluginEvent, Counter> pluginErrors = new EnumMap<>(PluginEvent.class);
    private final Map<String, Counter> closedByCode = new ConcurrentHashMap<>();

    ProtocolMeters(String protocol, IntSupplier openSessions, ServerMetrics server) {
        this.protocol = protocol;
        this.server = server;
        registered.add(server.register(Gauge.builder("switchboard.sessions.open", openSessions::getAsInt)
                                               .description("Open WebSocket sessions")
                                               .tags(List.of(Tag.create("protocol", protocol)))));
        this.opened = counter("switchboard.sessions.opened", "WebSocket sessions opened (101 sent)");
        readCounter("switchboard.messages.received", "Whole messages received from clients", messagesReceived);
        readCounter("switchboard.messages.sent", "Messages queued for clients", messagesSent);
        readCounter("switchboard.received.bytes", "Payload bytes of data frames received", bytesReceived);
        readCounter("switchboard.sent.bytes", "Payload bytes of messages queued for clients", bytesSent);
        String compression = "Payload bytes of permessage-deflate messages, inflated (raw) and as sent (wire)";
        readCounter("switchboard.compression.bytes", compression, compressedInRaw, "in", "raw");
        readCounter("switchboard.compression.bytes", compression, compressedInWire, "in", "wire");
        readCounter("switchboard.compression.bytes", compression, compressedOutRaw, "out", "raw");
        readCounter("switchboard.compression.bytes", compression, compressedOutWire, "out", "wire");
        this.slowConsumerCloses = counter("switchboard.slow.consumer.closes",
                                          "Sessions closed because the client did not read (send queue limit or "
                                                  + "send timeout)");
        this.handlerStalls = counter("switchboard.handler.stalls",
                                     "Handler calls that ran longer than the protocol's handler-timeout");
        this.inboundLimitCloses = counter("switchboard.inbound.limit.closes",
                                          "Sessions closed because the client stayed over max-frames-per-second or "
                                                  + "max-bytes-per-second");
        for (PluginEvent event : PluginEvent.values()) {
            pluginErrors.put(event, counter("switchboard.plugin.errors", "Calls into the protocol that threw",
                                            Tag.create("event", event.tag())));
        }
    }

    /**
     * The tally of a new session, which counts here as it goes.
     *
     * @param id   the session id
     * @param peer the client's address
     * @return the session's activity
     */
    public SessionActivity session(String id, InetSocketAddress peer) {
        return new SessionActivity(id, protocol, peer, this);
    }

    /**
     * Counts a call into the protocol that threw.
     *
     * @param event which call
     */
    public void pluginError(PluginEvent event) {
        pluginErrors.get(event).increment();
    }

    /** Counts a handler call that ran past the protocol's {@code handler-timeout}. */
    public void handlerStalled() {
        handlerStalls.increment();
    }

    /**
     * Counts a handshake refused after the negotiation chose this protocol, in
     * {@code switchboard_handshakes_refused_total}: a session limit, say, or the protocol's own refusal.
     *
     * @param reason the reason tag, a {@code RefusalReason}'s
     * @param status the HTTP status
     */
    public void handshakeRefused(String reason, int status) {
        server.handshakeRefused(protocol, reason, status);
    }

    /** Removes this protocol's meters: it never started. */
    public void remove() {
        server.remove(registered);
        registered.clear();
    }

    void opened() {
        opened.increment();
    }

    void frameReceived(int bytes) {
        bytesReceived.add(bytes);
    }

    void messageReceived() {
        messagesReceived.increment();
    }

    void messageSent(int bytes) {
        messagesSent.increment();
        bytesSent.add(bytes);
    }

    void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    void inboundLimitClosed() {
        inboundLimitCloses.increment();
    }

    void closed(int code) {
        String tag = codeTag(code);
        Counter counter = closedByCode.get(tag);
        if (counter == null) {
            if (server.closed()) {
                return;
            }
            counter = closedByCode.computeIfAbsent(tag, first -> counter(
                    "switchboard.sessions.closed", "WebSocket sessions ended, by the close code they ended with",
                    Tag.create("code", first)));
        }
        counter.increment();
    }

    // Codes from 3000 up are chosen by protocols and clients, up to 2000 of them: one series per range keeps a client
    // from growing the scrape at will.
    static String codeTag(int code) {
        if (code >= 4000) {
            return "4xxx";
        }
        return code >= 3000 ? "3xxx" : Integer.toString(code);
    }

    /**
     * Counts a compressed message received.
     *
     * @param rawBytes  its inflated size
     * @param wireBytes its compressed size
     */
    public void compressedReceived(long rawBytes, long wireBytes) {
        compressedInRaw.add(rawBytes);
        compressedInWire.add(wireBytes);
    }

    /**
     * Counts a compressed message queued for a client.
     *
     * @param rawBytes  its size before compression
     * @param wireBytes its compressed size
     */
    public void compressedSent(long rawBytes, long wireBytes) {
        compressedOutRaw.add(rawBytes);
        compressedOutWire.add(wireBytes);
    }

    private void readCounter(String name, String description, LongAdder adder, String direction, String stage) {
        registered.add(server.register(FunctionalCounter.builder(name, adder, LongAdder::sum)
                                               .description(description)
                                               .tags(List.of(Tag.create("protocol", protocol),
                                                             Tag.create("direction", direction),
                                                             Tag.create("stage", stage)))));
    }

    // A counter whose value the scrape reads from the adder.
    private void readCounter(String name, String description, LongAdder adder) {
        registered.add(server.register(FunctionalCounter.builder(name, adder, LongAdder::sum)
                                               .description(description)
                                               .tags(List.of(Tag.create("protocol", protocol)))));
    }

    private Counter counter(String name, String description, Tag... extraTags) {
        List<Tag> tags = new ArrayList<>(List.of(extraTags));
        tags.addFirst(Tag.create("protocol", protocol));
        Counter counter = server.register(Counter.builder(name).description(description).tags(tags));
        registered.add(counter);
        return counter;
    }
}
