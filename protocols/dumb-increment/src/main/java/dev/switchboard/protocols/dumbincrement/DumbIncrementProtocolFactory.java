package dev.switchboard.protocols.dumbincrement;

import java.time.Duration;
import java.util.Objects;

import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

/**
 * Entry point of the {@code dumb-increment-protocol}: each connection receives "0", "1", "2", ... one number per
 * {@code interval}. A client that does not keep up skips ticks ({@link dev.switchboard.api.Session#offer(String)})
 * rather than being closed: the numbers are a stream of the present, and a late one is worth less than none.
 */
public final class DumbIncrementProtocolFactory extends NamedProtocolFactory {

    /** The subprotocol token, the one libwebsockets' test client asks for. */
    static final String NAME = "dumb-increment-protocol";
    /** The protocol's version. */
    static final String VERSION = "1.0.0";

    /** Option: the time between two numbers sent to one connection. */
    static final String INTERVAL_KEY = "interval";
    /** libwebsockets' {@code DUMB_PERIOD_US}: 20 numbers a second. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
    /** The shortest interval accepted: shorter ones would keep the timer thread busy even with no connection. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(1);
    /** The longest interval accepted: no bound of the protocol's own, the longest duration the server reads. */
    static final Duration MAX_INTERVAL = Duration.ofDays(365);

    /**
     * Creates the factory; public and argument-free for {@link java.util.ServiceLoader}.
     */
    public DumbIncrementProtocolFactory() {
        super(NAME, VERSION);
    }

    @Override
    public Protocol create(ProtocolContext context) {
        Objects.requireNonNull(context, "context is null");
        Duration interval = context.config().duration(INTERVAL_KEY, DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL);
        return DumbIncrementProtocol.start(context, interval);
    }
}
