package dev.switchboard.protocols.status;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Entry point of the {@code lws-status} protocol: each connection receives a JSON list of the server's open
 * connections when it connects and whenever a connection opens or closes, at most one per {@code update-interval}.
 */
public final class StatusProtocolFactory extends NamedProtocolFactory {

    /** The subprotocol token, the one libwebsockets' test page asks for. */
    static final String NAME = "lws-status";
    /** The protocol's version, also the document's {@code version}. */
    static final String VERSION = "1.0.0";

    /** Option: the shortest time between two documents. */
    static final String UPDATE_INTERVAL_KEY = "update-interval";
    /** Four documents a second at most: a page stays current, a burst of connections costs little. */
    static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMillis(250);
    /**
     * The shortest interval accepted. Each document lists every connection of the server: shorter intervals would let
     * a busy server spend its time listing itself, with no gain for a human watching a page.
     */
    static final Duration MIN_UPDATE_INTERVAL = Duration.ofMillis(10);
    /** The longest interval accepted: no bound of the protocol's own, the longest duration the server reads. */
    static final Duration MAX_UPDATE_INTERVAL = Duration.ofDays(365);

    // The host name when the local one cannot be found.
    private static final String FALLBACK_HOSTNAME = "localhost";

    /**
     * Creates the factory; public and argument-free for {@link java.util.ServiceLoader}.
     */
    public StatusProtocolFactory() {
        super(NAME, VERSION);
    }

    @Override
    public Protocol create(ProtocolContext context) {
        Objects.requireNonNull(context, "context is null");
        Duration updateInterval = context.config().duration(UPDATE_INTERVAL_KEY, DEFAULT_UPDATE_INTERVAL,
                                                            MIN_UPDATE_INTERVAL, MAX_UPDATE_INTERVAL);
        return StatusProtocol.start(context, VERSION, hostname(context), updateInterval);
    }

    // Looked up once: it may take a name-service round trip, and it does not change while the server runs.
    private static String hostname(ProtocolContext context) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            context.logger().log(WARNING, "Cannot find the local host name ({0}); status documents say {1}",
                                 e.getMessage(), FALLBACK_HOSTNAME);
            return FALLBACK_HOSTNAME;
        }
    }
}
