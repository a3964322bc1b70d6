package dev.switchboard.server.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.DiscoveredProtocol;
import dev.switchboard.server.plugin.ProtocolJarLoader;

/**
 * The protocol instance of one generation and the server's calls into it, each in the plugin's class loader: a fault
 * of the plugin is logged and counted, and becomes a refused handshake where it can.
 */
final class ProtocolCalls {

    private final DiscoveredProtocol discovered;
    private final System.Logger logger;
    private final ProtocolMeters meters;
    // A client that drives a faulty handler can make it fail once per session, as fast as it opens sessions: a line
    // each would flood the log.
    private final ThrottledLog handlerFailures = new ThrottledLog(
            System.getLogger(ProtocolRuntime.class.getName()), System.Logger.Level.WARNING,
            new LogThrottle(10, Duration.ofSeconds(1), System::nanoTime, "handler failure",
                            "switchboard_plugin_errors_total counts them all"));
    private volatile Protocol protocol;
    private volatile boolean retired;

    ProtocolCalls(DiscoveredProtocol discovered, System.Logger logger, ProtocolMeters meters) {
        this.discovered = discovered;
        this.logger = logger;
        this.meters = meters;
    }

    // Logs a failed handler call at a pace a client cannot turn into a flood.
    void handlerFailed(String line) {
        handlerFailures.log(line);
    }

    void create(ProtocolContext context) {
        Protocol started = ContextClassLoader.call(discovered.loader(), () -> discovered.factory().create(context));
        protocol = Objects.requireNonNull(started, () -> discovered.factory().getClass().getName()
                + ".create returned null");
    }

    HandshakeDecision accept(Handshake handshake) {
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

    void abandoned(Handshake handshake, Optional<Object> attachment) {
        try {
            ContextClassLoader.run(discovered.loader(), () -> protocol.abandoned(handshake, attachment));
        } catch (Throwable e) {
            // Throwable: whatever the JVM language threw, the handshake is over and nothing else is affected.
            handlerFailures.log("Protocol " + name() + ": abandoned failed for a handshake from "
                                        + handshake.remoteAddress() + ": " + ProtocolJarLoader.causeText(e));
            meters.pluginError(PluginEvent.ABANDONED);
        }
    }

    MessageHandler open(ServerSession session) {
        if (retired) {
            // A handshake that chose this generation just before it was replaced, and whose session opened after the
            // last of its sessions had gone: the protocol has stopped.
            throw new IllegalStateException("protocol " + name() + " " + discovered.version() + " from "
                                                    + discovered.jarName() + " was replaced and has stopped");
        }
        MessageHandler handler = ContextClassLoader.call(discovered.loader(), () -> protocol.open(session));
        return Objects.requireNonNull(handler, () -> "protocol " + name() + " returned no handler");
    }

    // No session opens from now on.
    void retire() {
        retired = true;
    }

    void stop() {
        Protocol running = protocol;
        if (running != null) {
            ContextClassLoader.run(discovered.loader(), running::stop);
        }
    }

    private String name() {
        return discovered.name();
    }
}
