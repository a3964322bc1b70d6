package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.config.ConnectionSettings;

/**
 * One platform thread that looks after every connection on a short tick: keepalive pings, clients that do not
 * answer them, writes stuck on clients that do not read, closing handshakes the client never finishes. One timer
 * for all connections, rather than a task per connection, keeps 10,000 connections cheap.
 */
public final class ConnectionSupervisor implements AutoCloseable {

    private static final Duration MIN_TICK = Duration.ofMillis(10);
    private static final Duration MAX_TICK = Duration.ofSeconds(1);

    private static final System.Logger LOGGER = System.getLogger(ConnectionSupervisor.class.getName());

    private final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /**
     * Creates the supervisor and starts its tick.
     *
     * @param settings the server's timeouts, which set the tick
     */
    public ConnectionSupervisor(ConnectionSettings settings) {
        Duration tick = tick(settings);
        this.timer = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("switchboard-connection-supervisor").unstarted(task));
        timer.scheduleAtFixedRate(this::supervise, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    void watch(WebSocketConnection connection) {
        connections.add(connection);
    }

    void forget(WebSocketConnection connection) {
        connections.remove(connection);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void supervise() {
        long now = System.nanoTime();
        for (WebSocketConnection connection : connections) {
            try {
                connection.supervise(now);
            } catch (RuntimeException e) {
                // One connection's trouble must not stop the others' supervision, nor the timer.
                LOGGER.log(System.Logger.Level.WARNING, "Supervising a connection failed: " + e);
            }
        }
    }

    // A quarter of the shortest timeout keeps each deadline within 25 % of its setting.
    private static Duration tick(ConnectionSettings settings) {
        Duration shortest = settings.sendTimeout();
        shortest = min(shortest, settings.closeTimeout());
        if (settings.keepalive()) {
            shortest = min(min(shortest, settings.keepaliveInterval()), settings.keepaliveTimeout());
        }
        Duration tick = shortest.dividedBy(4);
        return tick.compareTo(MIN_TICK) < 0 ? MIN_TICK : tick.compareTo(MAX_TICK) > 0 ? MAX_TICK : tick;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
