package dev.switchboard.server.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.server.channel.ChannelRelay;
import dev.switchboard.server.metrics.ClusterMeters;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The {@link ChannelRelay} over Redis: one Lua script per publish (sequence number, backlog, PUBLISH in one atomic
 * step), one Pub/Sub channel per channel, and keys {@code switchboard:<protocol>:<channel>:<what>}.
 *
 * <p>A message on Pub/Sub and in the backlog is {@code <seq>:<marker><payload>}, the marker {@code t} for UTF-8 text or
 * {@code b} for binary.
 *
 * <p>One window is left where a node's own publishes could change places: Redis restarted and lost its scripts, two
 * of this node's publishes are on their way, the first is refused (NOSCRIPT) and goes again as EVAL, and between the
 * two another node's EVAL loaded the script, so that the second runs first. Members already miss what was published
 * while Redis was away, so the order across a Redis restart is weaker anyway.
 */
final class RedisRelay implements ChannelRelay {

    // A channel's keys outlive a node that died with members: they expire this long after the last publish or join.
    private static final Duration KEY_TIME_TO_LIVE = Duration.ofDays(1);
    private static final byte[] TTL = Long.toString(KEY_TIME_TO_LIVE.toSeconds()).getBytes(StandardCharsets.US_ASCII);
    private static final byte TEXT = 't';
    private static final byte BINARY = 'b';

    private final RedisLink redis;
    private final ClusterMeters meters;
    private final Supplier<String> node;
    private final LongSupplier epoch;
    private final Map<String, Consumer<RelayedMessage>> receivers = new ConcurrentHashMap<>();

    RedisRelay(RedisLink redis, ClusterMeters meters, Supplier<String> node, LongSupplier epoch) {
        this.redis = redis;
        this.meters = meters;
        this.node = node;
        this.epoch = epoch;
        redis.onMessage(this::received);
    }

    @Override
    public CompletionStage<Void> subscribe(String protocol, String channel, Consumer<RelayedMessage> receiver) {
        String key = key(protocol, channel, "messages");
        receivers.put(key, receiver);
        return guarded(() -> redis.pubsub().subscribe(bytes(key)));
    }

    @Override
    public void unsubscribe(String protocol, String channel) {
        String key = key(protocol, channel, "messages");
        receivers.remove(key);
        guarded(() -> redis.pubsub().unsubscribe(bytes(key))).exceptionally(failure -> {
            redis.failures().log("Could not unsubscribe from " + key + ": " + cause(failure));
            return null;
        });
    }

    @Override
    public CompletionStage<Long> publish(String protocol, String channel, ChannelBacklog bounds, boolean binary,
                                         byte[] payload) {
        byte[] message = new byte[payload.length + 1];
        message[0] = binary ? BINARY : TEXT;
        System.arraycopy(payload, 0, message, 1, payload.length);
        long start = System.nanoTime();
        byte[] none = new byte[0];
        return this.<Long>run(RedisScript.PUBLISH, ScriptOutputType.INTEGER,
                              keys(protocol, channel, "seq", "backlog", "bytes", "meta", "nodes"),
                              bytes(key(protocol, channel, "messages")), message, TTL,
                              bounds == null ? none : ascii(bounds.maxMessages()),
                              bounds == null ? none : ascii(bounds.maxBytes()),
                              bytes(node.get()))
                .thenApply(seq -> {
                    meters.published(Duration.ofNanos(System.nanoTime() - start));
                    return seq;
                });
    }

    @Override
    public CompletionStage<JoinView> join(String protocol, String channel, ChannelBacklog backlog) {
        boolean keeps = backlog.keepsMessages();
        return this.<List<Object>>run(RedisScript.JOIN, ScriptOutputType.MULTI,
                                      keys(protocol, channel, "seq", "backlog", "meta", "nodes"),
                                      ascii(keeps ? backlog.maxMessages() : 0), ascii(keeps ? backlog.maxBytes() : 0),
                                      bytes(node.get()), TTL)
                .thenApply(reply -> {
                    long current = epoch.getAsLong();
                    List<RelayedMessage> kept = new ArrayList<>();
                    for (Object entry : (List<?>) reply.get(1)) {
                        kept.add(parse(current, (byte[]) entry));
                    }
                    return new JoinView(current, (Long) reply.get(0), kept,
                                        new ChannelBacklog(Integer.parseInt(text(reply.get(2))),
                                                           Long.parseLong(text(reply.get(3)))));
                });
    }

    @Override
    public void leave(String protocol, String channel) {
        run(RedisScript.LEAVE, ScriptOutputType.INTEGER, keys(protocol, channel, "backlog", "bytes", "meta", "nodes"),
            bytes(node.get())).exceptionally(failure -> {
                redis.failures().log("Could not note that this node left channel '" + channel + "' of " + protocol
                                             + " in Redis (its backlog stays until it expires): " + cause(failure));
                return null;
            });
    }

    @Override
    public long epoch() {
        return epoch.getAsLong();
    }

    @Override
    public void delivered(int messages) {
        meters.delivered(messages);
    }

    // On Lettuce's thread for the Pub/Sub connection: one at a time, in Redis's order.
    private void received(byte[] channel, byte[] message) {
        Consumer<RelayedMessage> receiver = receivers.get(new String(channel, StandardCharsets.UTF_8));
        if (receiver == null) {
            return;
        }
        try {
            receiver.accept(parse(epoch.getAsLong(), message));
        } catch (RuntimeException e) {
            redis.failures().log("A message from Redis on " + new String(channel, StandardCharsets.UTF_8)
                                         + " could not be delivered: " + e);
        }
    }

    private <T> CompletionStage<T> run(RedisScript script, ScriptOutputType type, byte[][] keys, byte[]... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        RedisAsyncCommands<byte[], byte[]> commands = redis.commands();
        this.<T>guarded(() -> commands.evalsha(script.sha(), type, keys, args)).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else if (cause(failure) instanceof RedisNoScriptException) {
                // Redis restarted and lost its scripts: EVAL loads it again.
                this.<T>guarded(() -> commands.eval(script.body(), type, keys, args)).whenComplete((again, error) -> {
                    if (error == null) {
                        result.complete(again);
                    } else {
                        result.completeExceptionally(cause(error));
                    }
                });
            } else {
                result.completeExceptionally(cause(failure));
            }
        });
        return result;
    }

    // Lettuce rejects a command while disconnected by a failed future, but an exception thrown at once is a failed
    // stage too: a publish never throws.
    private <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static RelayedMessage parse(long epoch, byte[] entry) {
        int colon = 0;
        long seq = 0;
        while (entry[colon] != ':') {
            seq = seq * 10 + (entry[colon] - '0');
            colon++;
        }
        byte[] payload = new byte[entry.length - colon - 2];
        System.arraycopy(entry, colon + 2, payload, 0, payload.length);
        return new RelayedMessage(epoch, seq, entry[colon + 1] == BINARY, payload);
    }

    static String key(String protocol, String channel, String what) {
        return "switchboard:" + protocol + ":" + channel + ":" + what;
    }

    private static byte[][] keys(String protocol, String channel, String... what) {
        byte[][] keys = new byte[what.length][];
        for (int i = 0; i < what.length; i++) {
            keys[i] = bytes(key(protocol, channel, what[i]));
        }
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object reply) {
        return new String((byte[]) reply, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
