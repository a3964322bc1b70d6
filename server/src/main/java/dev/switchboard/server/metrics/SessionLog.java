package dev.switchboard.server.metrics;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.server.json.Json;

/**
 * The one line per closed session, on logger {@value #LOGGER_NAME} at INFO, as {@code key=value} pairs that grep and
 * log pipelines split without a pattern:
 *
 * <pre>
 * Session s7 closed: peer=127.0.0.1:53870 protocol=echo duration=2.504s messages-in=3 messages-out=3
 *     bytes-in=15 bytes-out=15 code=1000 reason="bye"
 * </pre>
 * (one line in the log). The reason comes from the client or the protocol, so it is quoted and escaped: it can never
 * start a line of its own.
 */
public final class SessionLog {

    /** The logger's name: turn the lines off with {@code switchboard.sessions.level=WARNING}. */
    public static final String LOGGER_NAME = "switchboard.sessions";

    // java.util.logging directly, and with the source named: a record without one has its caller found by walking
    // the stack when the console formatter asks for it, which was 5.5% of the server's CPU opening and closing
    // connections (bench connect, perf).
    private static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);
    private static final String SOURCE_CLASS = SessionLog.class.getName();

    private SessionLog() {
    }

    /**
     * Logs a closed session.
     *
     * @param session what to log
     */
    static void closed(Record session) {
        LOGGER.logp(Level.INFO, SOURCE_CLASS, "closed", () -> line(session));
    }

    /**
     * The log line of a closed session.
     *
     * @param session what to log
     * @return the line
     */
    static String line(Record session) {
        return "Session " + session.id() + " closed: peer=" + address(session.peer())
                + " protocol=" + session.protocol()
                + " duration=" + seconds(session.duration())
                + " messages-in=" + session.messagesIn() + " messages-out=" + session.messagesOut()
                + " bytes-in=" + session.bytesIn() + " bytes-out=" + session.bytesOut()
                + " code=" + session.code() + " reason=" + Json.string(session.reason());
    }

    // Seconds with three decimals, as "%.3f" would write them, without a Formatter per line.
    private static String seconds(Duration duration) {
        long millis = (duration.toNanos() + 500_000) / 1_000_000;
        long fraction = millis % 1000;
        return millis / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction + "s";
    }

    private static String address(InetSocketAddress peer) {
        if (peer.getAddress() == null) {
            return peer.getHostString() + ":" + peer.getPort();
        }
        String host = peer.getAddress().getHostAddress();
        return (peer.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + peer.getPort();
    }

    /**
     * What the line says about a session.
     *
     * @param id          the session id
     * @param peer        the client's address
     * @param protocol    the subprotocol
     * @param duration    from the 101 response to the end
     * @param messagesIn  whole messages received
     * @param messagesOut messages queued for the client
     * @param bytesIn     payload bytes received
     * @param bytesOut    payload bytes queued for the client
     * @param code        the close code the session ended with
     * @param reason      the close reason, or what broke
     */
    record Record(String id,
                  InetSocketAddress peer,
                  String protocol,
                  Duration duration,
                  long messagesIn,
                  long messagesOut,
                  long bytesIn,
                  long bytesOut,
                  int code,
                  String reason) {
    }
}
