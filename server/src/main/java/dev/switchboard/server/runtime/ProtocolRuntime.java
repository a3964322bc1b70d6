package dev.switchboard.server.runtime;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.api.Channels;
import dev.switchboard.api.CloseStatus;
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
import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.ProtocolJarLoader;

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
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    // Sessions that have ended but whose close event has not returned yet: Protocol.stop() waits for them.
    private final Set<ServerSession> closing = ConcurrentHashMap.newKeySet();
    private final OpenConnections allConnections;
    private final OpenConnections.View connectionsView;
    private final ProtocolMeters meters;
    private final ServerChannels channels;
    private final StallWindow stalls = new StallWindow(System::nanoTime);
    // A client that drives a faulty handler can make it fail once per session, as fast as it opens sessions: a line
    // each would flood the log.
    private final ThrottledLog handlerFailures = new ThrottledLog(
            System.getLogger(ProtocolRuntime.class.getName()), System.Logger.Level.WARNING,
            new LogThrottle(10, Duration.ofSeconds(1), System::nanoTime, "handler failure",
                            "switchboard_plugin_errors_total counts them all"));
    private final Path plugin;
    private final Instant loadedAt;
    private volatile Protocol protocol;
    // Set once, when a newer generation replaces this one or its plugin is removed.
    private volatile Instant drainingUntil;
    private volatile Runnable whenDrained;
    private final AtomicBoolean drained = new AtomicBoolean();
    private volatile boolean retired;

    ProtocolRuntime(DiscoveredProtocol discovered,
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
        this.allConnections = allConnections;
        this.connectionsView = allConnections.viewFor(timer);
        this.channels = channels;
    }

    void start() {
        Protocol started = ContextClassLoader.call(discovered.loader(), () -> discovered.factory().create(this));
        protocol = Objects.requireNonNull(started, () -> discovered.factory().getClass().getName()
                + ".create returned null");
    }

    /**
     * Asks the protocol whether to accept a handshake. A protocol that throws or answers nothing refuses it with
     * 500, and the failure is logged and counted as a plugin error. The caller counts a refusal.
     *
     * @param handshake the client's request
     * @return the protocol's decision
     */
    public HandshakeDecision accept(Handshake handshake) {
        HandshakeDecision decision;
        try {
            decision = Objects.requireNonNull(
                    ContextClassLoader.call(discovered.loader(), () -> protocol.accept(handshake)),
                    "accept returned null");
        } catch (Throwable e) {
            // Throwable: a plugin fault stays a refused handshake, whatever the JVM language threw.
            logger.log(System.Logger.Level.WARNING, "Protocol " + name() + " failed to judge a handshake from "
                    + handshake.remoteAddress() + ": " + ProtocolJarLoader.causeText(e));
            meters.pluginError(PluginEvent.ACCEPT);
            decision = HandshakeDecision.refuse(500, "Protocol " + name() + " failed to judge the handshake");
        }
        return decision;
    }

    /**
     * Tells the protocol that a handshake it accepted never became a session, so that it releases what its
     * {@code accept} reserved. A protocol that throws is logged at a pace and counted as a plugin error.
     *
     * @param handshake  the client's request
     * @param attachment the attachment of the accepting decision
     */
    public void abandoned(Handshake handshake, Optional<Object> attachment) {
        try {
            ContextClassLoader.run(discovered.loader(), () -> protocol.abandoned(handshake, attachment));
        } catch (Throwable e) {
            // Throwable: whatever the JVM language threw, the handshake is over and nothing else is affected.
            handlerFailures.log("Protocol " + name() + ": abandoned failed for a handshake from "
                                        + handshake.remoteAddress() + ": " + ProtocolJarLoader.causeText(e));
            meters.pluginError(PluginEvent.ABANDONED);
        }
    }

    /**
     * Hands a new session to the protocol and, once the protocol accepted it, counts it as open.
     *
     * @param session the session
     * @return the session's handler
     */
    public MessageHandler open(ServerSession session) {
        if (retired) {
            // A handshake that chose this generation just before it was replaced, and whose session opened after the
            // last of its sessions had gone: the protocol has stopped.
            throw new IllegalStateException("protocol " + name() + " " + discovered.version() + " from "
                                                    + discovered.jarName() + " was replaced and has stopped");
        }
        MessageHandler handler = ContextClassLoader.call(discovered.loader(), () -> protocol.open(session));
        Objects.requireNonNull(handler, () -> "protocol " + name() + " returned no handler");
        sessions.add(session);
        allConnections.opened(session);
        return handler;
    }

    /**
     * Forgets a session that ended, and takes it out of its channels; its close event is on its way. Calling it
     * again does nothing more (a session that joined channels while it was being opened leaves them then).
     *
     * @param session the session
     */
    public void closed(ServerSession session) {
        closing.add(session);
        channels.leaveAll(session);
        if (sessions.remove(session)) {
            allConnections.closed(session);
        }
    }

    /**
     * The close event of a session that ended has returned from the handler (or there was no handler).
     *
     * @param session the session
     */
    public void closeDelivered(ServerSession session) {
        closing.remove(session);
        drainedIfIdle();
    }

    /**
     * Makes this a draining generation: it keeps its sessions and takes no new ones (the catalog no longer finds it).
     *
     * @param until when the sessions still open will be closed with 1012, for the protocol list
     */
    void drain(Instant until) {
        this.drainingUntil = until;
    }

    /**
     * Retires this draining generation once no session is left: {@code whenDrained} runs, once, now or on the thread
     * that delivers the last close event.
     *
     * @param whenDrained retires the generation
     */
    void retireWhenIdle(Runnable whenDrained) {
        this.whenDrained = whenDrained;
        drainedIfIdle();
    }

    /**
     * When the sessions of a draining generation will be closed with 1012.
     *
     * @return the time, or empty for the newest generation
     */
    public Optional<Instant> drainingUntil() {
        return Optional.ofNullable(drainingUntil);
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

    private void drainedIfIdle() {
        Runnable action = whenDrained;
        if (action != null && !hasSessions() && drained.compareAndSet(false, true)) {
            action.run();
        }
    }

    /**
     * Logs that a handler call of one of the protocol's sessions threw, at a pace a client cannot turn into a flood.
     *
     * @param line the line, naming the protocol, the session and the failure
     */
    public void handlerFailed(String line) {
        handlerFailures.log(line);
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
     * Whether sessions are open or close events are still running.
     *
     * @return {@code true} while stopping the protocol would overtake a session
     */
    public boolean hasSessions() {
        return !sessions.isEmpty() || !closing.isEmpty();
    }

    /**
     * Ends every session still open, for a server that has stopped listening. Each close event runs on a thread of
     * its own, so that a handler blocked in {@code onClose} delays nothing but itself. Calling it again ends sessions
     * that opened since; a session ends once.
     *
     * @param status the status reported to their handlers
     */
    void abandonSessions(CloseStatus status) {
        sessions.forEach(session -> Thread.ofVirtual().start(() -> session.abandon(status)));
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
        return sessions.size();
    }

    void stop() {
        retired = true;
        connectionsView.cancelAll();
        timer.stop(TIMER_STOP_WAIT);
        Protocol running = protocol;
        if (running != null) {
            ContextClassLoader.run(discovered.loader(), running::stop);
        }
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
        return List.copyOf(sessions);
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
        OutboundMessage message = OutboundMessage.text(text);
        for (Session session : recipients) {
            // Encoded at most once plain and once compressed; every recipient's queue holds the same bytes of its
            // form. A Session of the protocol's own making (a wrapper, say) just gets the message.
            if (session instanceof ServerSession server) {
                server.sendMessage(message);
            } else {
                session.send(text);
            }
        }
    }

    @Override
    public void broadcast(Iterable<? extends Session> recipients, ByteBuffer data) {
        OutboundMessage message = OutboundMessage.binary(data);
        for (Session session : recipients) {
            if (session instanceof ServerSession server) {
                server.sendMessage(message);
            } else {
                session.send(data.duplicate());
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
