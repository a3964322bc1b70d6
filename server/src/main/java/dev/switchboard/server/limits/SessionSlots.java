package dev.switchboard.server.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.switchboard.server.config.SessionLimits;

/**
 * The open sessions, counted in all, per protocol, per client address and per protocol and address, against the
 * server's {@link SessionLimits} and each protocol's own.
 *
 * <p>One lock guards every count: a reservation checks all four limits and takes its slot in one step, so concurrent
 * handshakes never pass a limit together. It is held for a few map operations, far less than a handshake's I/O.
 */
public final class SessionSlots {

    /**
     * The {@code Retry-After} of a refusal, in seconds. When a slot frees up is unknown; a few seconds spread the
     * clients' retries without leaving a free slot unused for long.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final int SERVER_FULL = 503;
    // RFC 6585: the client itself sent too many; the server is not overloaded, and others still get in.
    private static final int TOO_MANY_FROM_CLIENT = 429;

    private final Supplier<SessionLimits> server;
    private final Function<String, SessionLimits> protocolLimits;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private int total;
    private final Map<String, Integer> byProtocol = new HashMap<>();
    private final Map<String, Integer> byAddress = new HashMap<>();
    private final Map<ProtocolAddress, Integer> byProtocolAndAddress = new HashMap<>();

    /**
     * Creates the counts, all zero.
     *
     * @param server         the server's limits ({@code switchboard.max-sessions}, {@code max-sessions-per-ip})
     * @param protocolLimits each protocol's own limits, {@link SessionLimits#NONE} for a protocol without
     */
    public SessionSlots(SessionLimits server, Function<String, SessionLimits> protocolLimits) {
        this(() -> server, protocolLimits);
    }

    /**
     * Creates the counts, all zero, with limits that may change while the server runs (a configuration reload):
     * each reservation checks the limits of that moment.
     *
     * @param server         the server's limits ({@code switchboard.max-sessions}, {@code max-sessions-per-ip})
     * @param protocolLimits each protocol's own limits, {@link SessionLimits#NONE} for a protocol without
     */
    public SessionSlots(Supplier<SessionLimits> server, Function<String, SessionLimits> protocolLimits) {
        this.server = server;
        this.protocolLimits = protocolLimits;
    }

    /**
     * Reserves a slot for a handshake, unless that would pass a limit.
     *
     * @param protocol the protocol the handshake chose
     * @param address  the client's IP address
     * @return the slot, or the refusal naming the first limit that is reached
     */
    public Reservation reserve(String protocol, String address) {
        SessionLimits server = this.server.get();
        SessionLimits own = protocolLimits.apply(protocol);
        ProtocolAddress protocolAddress = new ProtocolAddress(protocol, address);
        lock.lock();
        try {
            if (reached(server.maxSessions(), total)) {
                return refused(SERVER_FULL, "The server is at its session limit (switchboard.max-sessions: "
                        + server.maxSessions() + "). Try again later.");
            }
            if (reached(own.maxSessions(), byProtocol.getOrDefault(protocol, 0))) {
                return refused(SERVER_FULL, "Protocol " + protocol + " is at its session limit (switchboard.protocols."
                        + protocol + ".max-sessions: " + own.maxSessions() + "). Try again later.");
            }
            if (reached(server.maxSessionsPerIp(), byAddress.getOrDefault(address, 0))) {
                return refused(TOO_MANY_FROM_CLIENT, "Too many sessions from " + address
                        + " (switchboard.max-sessions-per-ip: " + server.maxSessionsPerIp()
                        + "). Close one and try again.");
            }
            if (reached(own.maxSessionsPerIp(), byProtocolAndAddress.getOrDefault(protocolAddress, 0))) {
                return refused(TOO_MANY_FROM_CLIENT, "Too many sessions of protocol " + protocol + " from " + address
                        + " (switchboard.protocols." + protocol + ".max-sessions-per-ip: " + own.maxSessionsPerIp()
                        + "). Close one and try again.");
            }
            total++;
            byProtocol.merge(protocol, 1, Integer::sum);
            byAddress.merge(address, 1, Integer::sum);
            byProtocolAndAddress.merge(protocolAddress, 1, Integer::sum);
            return new Reservation.Granted(new SessionSlot(this, protocol, address));
        } finally {
            lock.unlock();
        }
    }

    void release(String protocol, String address) {
        lock.lock();
        try {
            total--;
            decrement(byProtocol, protocol);
            decrement(byAddress, address);
            decrement(byProtocolAndAddress, new ProtocolAddress(protocol, address));
        } finally {
            lock.unlock();
        }
    }

    private static boolean reached(int limit, int count) {
        return limit > 0 && count >= limit;
    }

    private static Reservation refused(int status, String reason) {
        return new Reservation.Refused(status, reason, RETRY_AFTER_SECONDS);
    }

    // Entries at zero are removed: the maps hold only clients and protocols with open sessions.
    private static <K> void decrement(Map<K, Integer> counts, K key) {
        counts.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }

    private record ProtocolAddress(String protocol, String address) {
    }
}
