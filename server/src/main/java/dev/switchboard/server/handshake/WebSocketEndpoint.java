package dev.switchboard.server.handshake;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.server.config.CompressionSettings;
import dev.switchboard.server.config.ConnectionSettings;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.connection.ConnectionSupervisor;
import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.connection.WebSocketConnection;
import dev.switchboard.server.deflate.DeflateNegotiation;
import dev.switchboard.server.deflate.DeflateParameters;
import dev.switchboard.server.deflate.MessageDeflater;
import dev.switchboard.server.deflate.SendCompression;
import dev.switchboard.server.deflate.ZlibPools;
import dev.switchboard.server.limits.Reservation;
import dev.switchboard.server.limits.SessionSlot;
import dev.switchboard.server.limits.SessionSlots;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.runtime.ProtocolRuntime;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * The server's WebSocket endpoint: takes the handshakes that {@link HandshakeCheck} accepts, reserves a session slot
 * for each, asks the chosen protocol whether it accepts them too, answers with 101 (or the refusal), and serves each
 * connection with a {@link WebSocketConnection}, on the protocol's sizes.
 *
 * <p>The session limits are checked here and nowhere else: each handshake reaches the upgrader once, so a slot is
 * reserved once, before the 101, and given back on every way out.
 */
public final class WebSocketEndpoint implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(WebSocketEndpoint.class.getName());
    private static final HeaderName EXTENSIONS = HeaderNames.create("Sec-WebSocket-Extensions");

    private final HandshakeCheck check;
    private final ProtocolCatalog catalog;
    private final Supplier<SwitchboardConfig> config;
    private final SessionSlots slots;
    private final ConnectionSupervisor supervisor;
    private final HandlerThreads handlerThreads;
    private final AtomicLong sessionIds = new AtomicLong();
    // Stateless deflaters (the server never takes over context) and the inflaters of clients that do not either.
    private final ZlibPools zlibPools = new ZlibPools(2 * Runtime.getRuntime().availableProcessors());
    private final MessageDeflater deflater = new MessageDeflater(zlibPools);

    /**
     * Creates the endpoint and starts its connection supervisor.
     *
     * @param check   the handshake rules
     * @param catalog the running protocols
     * @param config  sizes, timeouts, keepalive and session limits, the server's and each protocol's
     */
    public WebSocketEndpoint(HandshakeCheck check, ProtocolCatalog catalog, SwitchboardConfig config) {
        this(check, catalog, () -> config);
    }

    /**
     * Creates the endpoint on a configuration that may be reloaded while it runs: each handshake takes the limits,
     * sizes and compression of that moment; the supervisor's ticks and the handler threads keep the first one's.
     *
     * @param check   the handshake rules
     * @param catalog the running protocols
     * @param current the configuration of the moment
     */
    public WebSocketEndpoint(HandshakeCheck check, ProtocolCatalog catalog, Supplier<SwitchboardConfig> current) {
        SwitchboardConfig config = current.get();
        this.check = check;
        this.catalog = catalog;
        this.config = current;
        this.slots = new SessionSlots(() -> current.get().sessionLimits(),
                                      name -> current.get().protocol(name).sessionLimits());
        // Protocols change sizes only; the timeouts the supervisor ticks for are the server's.
        this.supervisor = new ConnectionSupervisor(config.connection());
        this.handlerThreads = new HandlerThreads(Runtime.getRuntime().availableProcessors(), config.handlerThreads());
    }

    /**
     * The threads that run the protocols' handler calls, for health to tell whether calls wait for one.
     *
     * @return the threads
     */
    public HandlerThreads handlerThreads() {
        return handlerThreads;
    }

    /**
     * Upgrades a request to a WebSocket connection, if it is a handshake this endpoint accepts.
     *
     * @param ctx      the TCP connection
     * @param prologue the request line
     * @param headers  the request headers
     * @return the connection, or {@code null} to let the request go through HTTP routing, where
     *         {@link HandshakeFilter} explains a refusal
     */
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, Headers headers) {
        if (!(check.check(prologue.method(), prologue.uriPath().path(), headers, ctx.isSecure()).orElse(null)
                instanceof HandshakeCheck.Verdict.Accept accept)) {
            return null;
        }
        ProtocolRuntime runtime = catalog.find(accept.protocol()).orElse(null);
        if (runtime == null) {
            // Its plugin was removed since the check: routing checks again, and refuses it.
            return null;
        }
        InetSocketAddress remote = remoteAddress(ctx);
        Reservation reservation = slots.reserve(runtime.name(), ipAddress(remote));
        if (reservation instanceof Reservation.Refused refused) {
            RefusalReason reason = refused.status() == 429 ? RefusalReason.ADDRESS_LIMIT : RefusalReason.SESSION_LIMIT;
            runtime.meters().handshakeRefused(reason.tag(), refused.status());
            LOGGER.log(System.Logger.Level.DEBUG, () -> "Refused a handshake from " + remote + ": " + refused.reason());
            return HandshakeRefusal.overLimit(ctx, refused);
        }
        SessionSlot slot = ((Reservation.Granted) reservation).slot();
        ServerConnection connection = null;
        try {
            connection = accepted(ctx, prologue, headers, accept, runtime, remote, slot);
            return connection;
        } finally {
            // Refused by the protocol, the 101 not written, anything thrown: no session will hold the slot.
            if (!(connection instanceof SlotHoldingConnection)) {
                slot.release();
            }
        }
    }

    private ServerConnection accepted(ConnectionContext ctx,
                                      HttpPrologue prologue,
                                      Headers headers,
                                      HandshakeCheck.Verdict.Accept accept,
                                      ProtocolRuntime runtime,
                                      InetSocketAddress remote,
                                      SessionSlot slot) {
        HandshakeRequest handshake = HandshakeRequest.from(prologue, headers, accept.offered(), remote);
        ConnectionSettings settings = config.get().connection(runtime.name());
        ProtocolHandshake asked = new ProtocolHandshake(handlerThreads, runtime, handshake, settings.handlerTimeout());
        HandshakeDecision decision = HandshakeJudgement.judge(asked);
        if (!decision.isAccepted()) {
            runtime.meters().handshakeRefused(RefusalReason.PROTOCOL_REFUSED.tag(), decision.status());
            return HandshakeRefusal.byProtocol(ctx, runtime.name(), decision);
        }
        // From here on the protocol expects open or abandoned: every way out that opens no session calls abandoned.
        Runnable abandon = () -> HandshakeAbandonment.start(asked, decision.attachment());
        try {
            return upgraded(ctx, accept, runtime, handshake, decision, settings, slot, abandon,
                            headers.all(EXTENSIONS, List::of));
        } catch (RuntimeException | Error e) {
            // The client went away before the 101 was written, or the connection could not be set up.
            abandon.run();
            throw e;
        }
    }

    private ServerConnection upgraded(ConnectionContext ctx,
                                      HandshakeCheck.Verdict.Accept accept,
                                      ProtocolRuntime runtime,
                                      HandshakeRequest handshake,
                                      HandshakeDecision decision,
                                      ConnectionSettings settings,
                                      SessionSlot slot,
                                      Runnable abandon,
                                      List<String> extensionOffers) {
        CompressionSettings compression = config.get().compression(runtime.name());
        // A protocol with compression off declines every offer.
        Optional<DeflateParameters> deflate = compression.enabled()
                ? DeflateNegotiation.negotiate(extensionOffers)
                : Optional.empty();
        StringBuilder response = new StringBuilder(160)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(accept.acceptKey()).append("\r\n");
        if (accept.echo()) {
            response.append("Sec-WebSocket-Protocol: ").append(accept.protocol()).append("\r\n");
        }
        deflate.ifPresent(parameters -> response.append("Sec-WebSocket-Extensions: ")
                .append(parameters.responseHeader()).append("\r\n"));
        // The protocol's own headers (a cookie, a session id); HandshakeDecision already refused names the server
        // writes and values that could split the response.
        decision.headers().forEach((name, values) -> values.forEach(
                value -> response.append(name).append(": ").append(value).append("\r\n")));
        response.append("\r\n");
        ctx.dataWriter().writeNow(BufferData.create(response.toString().getBytes(StandardCharsets.US_ASCII)));
        return new SlotHoldingConnection(
                new WebSocketConnection(ctx, "s" + sessionIds.incrementAndGet(), runtime, handshake,
                                        decision.attachment(), settings, supervisor,
                                        handlerThreads, deflate, zlibPools,
                                        new SendCompression(deflate.isPresent(), compression.thresholdBytes(),
                                                            deflate.map(DeflateParameters::largestCompressedMessage)
                                                                    .orElse(0),
                                                            deflater)),
                slot, abandon);
    }

    /** Stops the connection supervisor and the handler threads. */
    @Override
    public void close() {
        supervisor.close();
        handlerThreads.close();
        zlibPools.close();
    }

    // The key of the per-address counts: the address alone, whatever port the client connected from.
    private static String ipAddress(InetSocketAddress remote) {
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static InetSocketAddress remoteAddress(ConnectionContext ctx) {
        SocketAddress address = ctx.remotePeer().address();
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        return InetSocketAddress.createUnresolved(ctx.remotePeer().host(), ctx.remotePeer().port());
    }
}
