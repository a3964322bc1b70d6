package dev.switchboard.server.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Lettuce as a cluster node uses it: two threads of each kind, a reconnect backoff from {@value #RECONNECT_MIN_MILLIS}
 * ms to {@value #RECONNECT_MAX_MILLIS} ms, commands rejected at once while disconnected, and timeouts on connecting and
 * on every command. Lettuce's own per-attempt log lines are silenced; {@link RedisCluster} logs at a throttled pace.
 */
final class LettuceClient {

    static final long RECONNECT_MIN_MILLIS = 100;
    static final long RECONNECT_MAX_MILLIS = 2_000;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Lettuce logs every reconnect attempt (a WARNING each while Redis is down); held strongly, since JUL keeps its
    // loggers weakly and would forget the level.
    private static final Logger LETTUCE_RECONNECT_LOG = Logger.getLogger("io.lettuce.core.protocol");

    static {
        LETTUCE_RECONNECT_LOG.setLevel(Level.SEVERE);
    }

    private LettuceClient() {
    }

    // The threads the client runs on: shut down after the client.
    static ClientResources resources() {
        return DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(RECONNECT_MIN_MILLIS),
                                                  Duration.ofMillis(RECONNECT_MAX_MILLIS), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    static RedisClient create(ClientResources resources, String redis) {
        RedisURI uri = RedisURI.create(redis);
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                                  .autoReconnect(true)
                                  // Fail at once while disconnected: no unbounded buffer, and the order stays Redis's.
                                  .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                  .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                                  .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                                  .build());
        return client;
    }

    // Lettuce's exceptions say little on their own: the message with every cause's.
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
        return text.toString();
    }
}
