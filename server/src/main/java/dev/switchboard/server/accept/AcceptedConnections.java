package dev.switchboard.server.accept;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;
import dev.switchboard.server.metrics.ConnectionMeters;
import dev.switchboard.server.metrics.ServerMetrics;

/**
 * Every TCP connection the listener accepted and has not closed yet: admitted while they fit in the budget, and
 * closed by a platform thread of their own when they have not sent their first request's headers (after the TLS
 * handshake, on a TLS port) within the handshake timeout. A connection is known by its two addresses, which is how
 * the HTTP layer names it again when its request arrives ({@link RequestArrival}).
 *
 * <p>Helidon 4.5.0 offers no such timeout: {@code connection-options.read-timeout} is not applied to the sockets
 * its listener accepts (and would cut quiet sessions if it were), and {@code idle-connection-timeout} looks only at
 * connections whose first bytes have named their protocol, past the TLS handshake, so a silent client or a stalled
 * handshake is never timed.
 *
 * <p>Helidon closes connections without telling anyone, so a closed one is forgotten on the next tick, or at once
 * when the budget looks full. A connection that is not yet forgotten counts against the budget for at most one tick:
 * the budget errs on the side of the file descriptors.
 */
public final class AcceptedConnections implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(AcceptedConnections.class.getName());
    private static final Duration MIN_TICK = Duration.ofMillis(10);
    private static final Duration MAX_TICK = Duration.ofSeconds(1);
    // A full budget under a flood would otherwise walk every connection for every refused one.
    private static final long FULL_SWEEP_INTERVAL_NANOS = Duration.ofMillis(10).toNanos();
    private static final int LOG_BURST = 10;
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(1);

    private final Map<Endpoints, Connection> open = new ConcurrentHashMap<>();
    private final ConnectionBudget budget;
    private final long handshakeTimeoutNanos;
    private final ConnectionMeters meters;
    private final ThrottledLog refusedLog;
    private final ThrottledLog timeoutLog;
    private final ScheduledExecutorService timer;
    // Read and written by the listener thread alone: admit() is called from its accept loop.
    private long lastFullSweep = System.nanoTime() - FULL_SWEEP_INTERVAL_NANOS;

    /**
     * Starts watching connections.
     *
     * @param budget           how many may be open at once
     * @param handshakeTimeout how long a new connection has until its first request's headers are in
     * @param metrics          where refusals and timeouts are counted
     */
    public AcceptedConnections(ConnectionBudget budget, Duration handshakeTimeout, ServerMetrics metrics) {
        this.budget = budget;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.meters = metrics.connections(open::size, budget.maxConnections());
        this.refusedLog = new ThrottledLog(LOGGER, System.Logger.Level.INFO, new LogThrottle(
                LOG_BURST, LOG_INTERVAL, System::nanoTime, "refusal",
                "switchboard_connections_refused_total counts them all"));
        this.timeoutLog = new ThrottledLog(LOGGER, System.Logger.Level.INFO, new LogThrottle(
                LOG_BURST, LOG_INTERVAL, System::nanoTime, "timeout",
                "switchboard_handshake_timeouts_total counts them all"));
        Duration tick = tick(handshakeTimeout);
        this.timer = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("switchboard-handshake-timeout").unstarted(task));
        timer.scheduleAtFixedRate(this::sweep, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes a newly accepted connection into the budget, or turns it away when the budget is full; the caller
     * closes a connection turned away.
     *
     * @param channel the connection
     * @return whether it fits
     * @throws IOException if its addresses cannot be read (it is closed already)
     */
    boolean admit(SocketChannel channel) throws IOException {
        SocketAddress remote = channel.getRemoteAddress();
        if (open.size() >= budget.maxConnections() && !forgetClosedOnes()) {
            meters.refused();
            refusedLog.log("Refused a connection from " + text(remote) + ": " + budget.maxConnections()
                                       + " connections open, the whole budget (" + budget.description() + ")");
            return false;
        }
        open.put(new Endpoints(channel.getLocalAddress(), remote),
                 new Connection(channel, System.nanoTime() + handshakeTimeoutNanos));
        return true;
    }

    /**
     * Notes that a connection sent a request's headers: its handshake deadline no longer applies.
     *
     * @param local  the server's address of the connection
     * @param remote the client's address of the connection
     */
    void requestReceived(SocketAddress local, SocketAddress remote) {
        Connection connection = open.get(new Endpoints(local, remote));
        if (connection != null) {
            connection.requestReceived = true;
        }
    }

    /**
     * Stops watching; the connections themselves are the web server's to close.
     */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    // Called on the listener thread when the budget looks full; true if that freed room.
    private boolean forgetClosedOnes() {
        long now = System.nanoTime();
        if (now - lastFullSweep < FULL_SWEEP_INTERVAL_NANOS) {
            return false;
        }
        lastFullSweep = now;
        open.entrySet().removeIf(entry -> !entry.getValue().channel.isOpen());
        return open.size() < budget.maxConnections();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Endpoints, Connection> entry : open.entrySet()) {
            Connection connection = entry.getValue();
            if (!connection.channel.isOpen()) {
                open.remove(entry.getKey(), connection);
            } else if (!connection.requestReceived && now - connection.deadline >= 0) {
                closeLate(entry.getKey(), connection);
            }
        }
    }

    // Closing the channel ends the reader's wait (a TLS handshake or the request's first bytes) with an I/O error,
    // which Helidon's connection handler takes as the end of that connection. Counted first, so that whoever sees the
    // close (the client, a scrape right after it) also sees it counted.
    private void closeLate(Endpoints endpoints, Connection connection) {
        meters.handshakeTimedOut();
        try {
            connection.channel.close();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Closing a connection past its handshake deadline failed", e);
        }
        open.remove(endpoints, connection);
        timeoutLog.log("Closed a connection from " + text(endpoints.remote()) + ": no complete request within "
                                   + "switchboard.handshake-timeout (" + handshakeTimeoutNanos / 1_000_000 + " ms)");
    }

    private static String text(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    // A quarter of the timeout keeps each deadline within 25 % of its setting.
    private static Duration tick(Duration handshakeTimeout) {
        Duration tick = handshakeTimeout.dividedBy(4);
        return tick.compareTo(MIN_TICK) < 0 ? MIN_TICK : tick.compareTo(MAX_TICK) > 0 ? MAX_TICK : tick;
    }

    // The two ends of a TCP connection: unique among open connections, and known to the listener and the HTTP layer.
    private record Endpoints(SocketAddress local, SocketAddress remote) {
    }

    private static final class Connection {

        private final SocketChannel channel;
        private final long deadline;
        private volatile boolean requestReceived;

        private Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }
    }
}
