package dev.switchboard.server.cluster;

import java.util.function.BiConsumer;

import dev.switchboard.server.logging.ThrottledLog;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;

/**
 * This node's connections to Redis as the relay and the presence share them: one for commands (the scripts), one for
 * Pub/Sub, and the log that what fails on either goes to.
 *
 * @param commands the connection for commands
 * @param pubsub   the Pub/Sub connection
 * @param failures where failures are logged, throttled under a flood
 */
record RedisLink(RedisAsyncCommands<byte[], byte[]> commands,
                 RedisPubSubAsyncCommands<byte[], byte[]> pubsub,
                 ThrottledLog failures) {

    /**
     * Hands every message of the Pub/Sub connection to a receiver, whichever channel it came on.
     *
     * @param receiver called with the channel and the message, on Lettuce's thread for the connection
     */
    void onMessage(BiConsumer<byte[], byte[]> receiver) {
        pubsub.getStatefulConnection().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                receiver.accept(channel, message);
            }
        });
    }
}
