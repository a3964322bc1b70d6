package dev.switchboard.server.runtime;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

import dev.switchboard.api.Channels;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfig;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.api.ServerConnections;
import dev.switchboard.api.Session;
import dev.switchboard.server.channel.ServerChannels;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.plugin.DiscoveredProtocol;

/**
 * One started protocol, one generation of it: its instance, its open sessions, its timers, the plugin it was loaded
 * from and when. It is the {@link ProtocolContext} the protocol was given. Its meters and channels belong to the
 * protocol's name and are shared by its generations (see {@link ProtocolCatalog}).
 *
 * <p>A generation that a newer one replaced, or whose plugin was removed, drains: its sessions keep working, it takes
 * no new ones, and once the last one's close event has returned it is retired (stopped, its loader closed).
 */
public final class ProtocolRuntime implements ProtocolContext {

    // How long stopping waits for a timer task that is running, so that Protocol.stop() does not run beside it.
    private static final Duration TIMER_STOP_WAIT = Duration.ofSeconds(1);

    private final DiscoveredProtocol discovered;
    private final ProtocolConfig config;
    private final System.Logger logger;
    private final ProtocolTimer timer;
    private final GenerationSessions sessions;
    private final ProtocolCalls calls;
    private final OpenConnections.View connectionsView;
    private final ProtocolMeters meters;
    private final ServerChannels channels;
    private final StallWindow stalls = new StallWindow(System::nanoTime);
    private final Path plugin;
    private final Instant loadedAt;

    /**
     * Public for the bench module's {@code BroadcastBenchmark}; the server makes runtimes in its
     * {@link ProtocolCatalog}, which also starts them.
     *
     * @param discovered     the protocol's factory and class loader
     * @param plugin         the jar or folder it came from
     * @param config         its configuration block
     * @param allConnections every open connection of the server
     * @param meters         its meters
     * @param channels       its channels
     */
    public ProtocolRuntime(DiscoveredProtocol discovered,
                           Path plugin,
                           ProtocolConfig config,
                           OpenConnections allConnections,
                           ProtocolMeters meters,
                           ServerChannels channels) {
        this.discovered = discovered;
        this.plugin = plugin;
        this.loadedAt = Instant.now();
        this.config = config;
        this.logger = System.getLogger("switchboard.protocol." + discovered.name());
        this.meters = meters;
        this.timer = new ProtocolTimer(discovered.name(), discovered.loader(), logger,
                                       () -> meters.pluginError(PluginEvent.TIMER));
        this.connectionsView = allConnections.viewFor(timer);
        this.channels = channels;
        this.sessions = new GenerationSessions(allConnections, channels);
        this.calls = new ProtocolCalls(discovered, logger, meters);
    }

    void start() {
        calls.create(this);
    }

    /**
     * Asks the protocol whether to accept a handshake. A protocol that throws or answers nothing refuses it with
     * 500, and the failure is logged and counted as a plugin error. The caller counts a refusal.
     *
     * @param handshake the client's request
     * @return the protocol's decision
     */
    public HandshakeDecision accept(Handshake handshake) {
        return calls.accept(handshake);
    }

    /**
     * Tells the protocol that a handshake it accepted never became a session, so that it releases what its
     * {@code accept} reserved. A protocol that throws is logged at a pace and counted as a plugin error.
     *
     * @param handshake  the client's request
     * @param attachment the attachment of the accepting decision
     */
    public void abandoned(Handshake handshake, Optional<Object> attachment) {
        calls.abandoned(handshake, attachment);
    }

    /**
     * Hands a new session to the protocol and, once the protocol accepted it, counts it as open.
     *
     * @param session the session
     * @return the session's handler
     */
    public MessageHandler open(ServerSession session) {
        MessageHandler handler = calls.open(session);
        sessions.opened(session);
        return handler;
    }

    /**
     * Forgets a session that ended, and takes it out of its channels; its close event is on its way. Calling it
     * again does nothing more (a session that joined channels while it was being opened leaves them then).
     *
     * @param session the session
     */
    public void closed(ServerSession session) {
        sessions.closed(session);
    }

    /**
     * The close event of a session that ended has returned from the handler (or there was no handler).
     *
     * @param session the session
     */
    public void closeDelivered(ServerSession session) {
        sessions.closeDelivered(session);
    }

    /**
     * The plugin this generation was loaded from, as it is named in the protocols directory.
     *
     * @return the jar or plugin folder
     */
    public Path plugin() {
        return plugin;
    }

    /**
     * When this generation was loaded.
     *
     * @return the time
     */
    public Instant loadedAt() {
        return loadedAt;
    }

    /**
     * Logs that a handler call of one of the protocol's sessions threw, at a pace a client cannot turn into a flood.
     *
     * @param line the line, naming the protocol, the session and the failure
     */
    public void handlerFailed(String line) {
        calls.handlerFailed(line);
    }

    /**
     * A handler call of this protocol ran past its {@code handler-timeout}: counted, and noted for health.
     */
    public void handlerStalled() {
        meters.handlerStalled();
        stalls.stalled();
    }

    /**
     * Whether this protocol's handlers keep stalling: {@value StallWindow#STALLS} stalls within a minute.
     *
     * @return {@code true} while health should name it as degraded
     */
    public boolean keepsStalling() {
        return stalls.keepsStalling();
    }

    /**
     * The protocol's class loader, to install as context class loader around calls into its handlers.
     *
     * @return the loader
     */
    public ClassLoader loader() {
        return discovered.loader();
    }

    /**
     * The protocol's meters.
     *
     * @return the meters
     */
    public ProtocolMeters meters() {
        return meters;
    }

    /**
     * The provider this runtime was started from.
     *
     * @return the discovered protocol
     */
    public DiscoveredProtocol discovered() {
        return discovered;
    }

    /**
     * The number of open sessions.
     *
     * @return the count
     */
    public int openSessions() {
        return sessions.count();
    }

    // The sessions of this generation, and its drain.
    GenerationSessions generationSessions() {
        return sessions;
    }

    void stop() {
        calls.retire();
        connectionsView.cancelAll();
        timer.stop(TIMER_STOP_WAIT);
        calls.stop();
    }

    @Override
    public String name() {
        return discovered.name();
    }

    @Override
    public ProtocolConfig config() {
        return config;
    }

    @Override
    public Collection<Session> sessions() {
        return sessions.snapshot();
    }

    @Override
    public ServerConnections serverConnections() {
        return connectionsView;
    }

    @Override
    public Channels channels() {
        return channels;
    }

    @Override
    public void broadcast(Iterable<? extends Session> recipients, String text) {
        broadcast(recipients, OutboundMessage.text(text), session -> session.send(text));
    }

    @Override
    public void broadcast(Iterable<? extends Session> recipients, ByteBuffer data) {
        broadcast(recipients, OutboundMessage.binary(data), session -> session.send(data.duplicate()));
    }

    // Encoded at most once plain and once compressed; every recipient's queue holds the same bytes of its form. A
    // Session of the protocol's own making (a wrapper, say) just gets the message through the API.
    private static void broadcast(Iterable<? extends Session> recipients, OutboundMessage message,
                                  Consumer<Session> throughApi) {
        for (Session session : recipients) {
            if (session instanceof ServerSession server) {
                server.sendMessage(message);
            } else {
                throughApi.accept(session);
            }
        }
    }

    @Override
    public ScheduledTask schedule(Runnable task, Duration delay) {
        return timer.schedule(task, delay);
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
        return timer.scheduleAtFixedRate(task, initialDelay, period);
    }

    @Override
    public System.Logger logger() {
        return logger;
    }
}
