package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.switchboard.api.Handshake;
import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.runtime.ProtocolRuntime;

/**
 * What happens to a handler call that runs longer than its protocol's {@code handler-timeout}: one WARNING naming the
 * protocol, the session, the call and where the handler is, the stall counted, and the session closed with 1011. The
 * call itself cannot be stopped; its session lets go of its slot and its place in the session list when the closing
 * handshake ends, whether the call ever returns or not.
 *
 * <p>A client can make a slow handler stall as often as it opens sessions, so the lines are paced like refused
 * origins; the counter counts every stall.
 */
public final class HandlerWatchdog {

    private static final System.Logger LOGGER = System.getLogger(HandlerWatchdog.class.getName());
    private static final int LOG_BURST = 10;
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(1);
    // Enough to see the handler's own frames under whatever it waits in.
    private static final int STACK_FRAMES = 8;

    private final ThrottledLog log = new ThrottledLog(LOGGER, System.Logger.Level.WARNING, new LogThrottle(
            LOG_BURST, LOG_INTERVAL, System::nanoTime, "stall", "switchboard_handler_stalls_total counts them all"));

    /**
     * A call has run past its timeout: report it, count it and close its session. Called once per call.
     *
     * @param session the session
     * @param event   which call
     * @param timeout the protocol's handler timeout
     * @param thread  the thread making the call
     */
    void stalled(ConnectionSession session, PluginEvent event, Duration timeout, Thread thread) {
        String stack = stackTop(thread);
        log.log("Handler stall: protocol " + session.subprotocol() + ", session " + session.id() + ": "
                            + event.tag() + " has run longer than " + millis(timeout) + "; the session is closed with "
                            + "1011 and lets go of its slot whether or not the call returns. The handler is at: "
                            + stack);
        session.closing().stalled(event, timeout);
    }

    /**
     * A protocol's {@code accept} has run past its timeout: the handshake has been refused with 503 already; report
     * and count it. Called once per call.
     *
     * @param runtime   the protocol
     * @param handshake the client's request
     * @param timeout   the protocol's handler timeout
     * @param thread    the thread making the call
     */
    public void acceptStalled(ProtocolRuntime runtime, Handshake handshake, Duration timeout, Thread thread) {
        log.log("Handler stall: protocol " + runtime.name() + ", handshake from " + handshake.remoteAddress()
                            + ": accept has run longer than " + millis(timeout) + "; the handshake is refused with 503."
                            + " The protocol is at: " + stackTop(thread));
        runtime.handlerStalled();
    }

    /**
     * A protocol's {@code abandoned} has run past its timeout: there is no session or handshake left to end; report
     * and count it. Called once per call.
     *
     * @param runtime   the protocol
     * @param handshake the client's request
     * @param timeout   the protocol's handler timeout
     * @param thread    the thread making the call
     */
    public void abandonedStalled(ProtocolRuntime runtime, Handshake handshake, Duration timeout, Thread thread) {
        log.log("Handler stall: protocol " + runtime.name() + ", handshake from " + handshake.remoteAddress()
                            + ": abandoned has run longer than " + millis(timeout) + ". The protocol is at: "
                            + stackTop(thread));
        runtime.handlerStalled();
    }

    private static String stackTop(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .limit(STACK_FRAMES)
                .map(StackTraceElement::toString)
                .collect(Collectors.joining(" <- "));
    }

    /**
     * A timeout as the log lines and close reasons write it.
     *
     * @param duration the timeout
     * @return whole seconds as {@code "5 s"}, else milliseconds as {@code "250 ms"}
     */
    public static String millis(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
