package dev.switchboard.server.cluster;

import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts of {@link RedisPresence}, each one atomic step. Keys: {@code switchboard:presence:nodes}, a sorted
 * set of node names scored by their last heartbeat in Redis's own clock (milliseconds), so that the nodes' clocks
 * never matter; {@code switchboard:presence:versions}, a hash of node name to the number of its last change; and one
 * hash per node, {@code switchboard:presence:conns:<node>}, session id to entry, which expires a time to live after the
 * node's last heartbeat.
 *
 * <p>{@link #BEAT} computes the key names of dead nodes' hashes from their names to delete them: fine on one Redis
 * server, which is what {@code switchboard.cluster.redis} names (not a Redis Cluster).
 */
final class PresenceScripts {

    /**
     * Keys: conns (this node's), nodes, versions. Args: node, time to live (ms), reset ({@code 1}: the hash is
     * rewritten whole), the number of removed ids, the removed ids, then id and entry pairs, and last the Pub/Sub
     * channel. Applies one batch of changes, beats, counts a version and announces it. Returns the version.
     */
    static final String FLUSH = """
            local ttl = tonumber(ARGV[2])
            if ARGV[3] == '1' then redis.call('DEL', KEYS[1]) end
            local removed = tonumber(ARGV[4])
            local i = 5
            for _ = 1, removed do
              redis.call('HDEL', KEYS[1], ARGV[i])
              i = i + 1
            end
            while i + 1 < #ARGV do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
              i = i + 2
            end
            redis.call('PEXPIRE', KEYS[1], ttl)
            local t = redis.call('TIME')
            redis.call('ZADD', KEYS[2], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
            local version = redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
            redis.call('PUBLISH', ARGV[#ARGV], 'c\\n' .. ARGV[1] .. '\\n' .. version)
            return version
            """;

    /**
     * Keys: nodes, versions, conns (this node's). Args: node, time to live (ms), the prefix of the conns keys, the
     * Pub/Sub channel. Beats, removes the nodes whose last beat is older than the time to live (announcing each), and
     * returns Redis's time, whether this node was new to the set, then name, last beat, version and connection count
     * of every live node.
     */
    static final String BEAT = """
            local ttl = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local fresh = redis.call('ZADD', KEYS[1], now, ARGV[1])
            redis.call('PEXPIRE', KEYS[3], ttl)
            local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - ttl))
            for _, name in ipairs(dead) do
              redis.call('ZREM', KEYS[1], name)
              redis.call('HDEL', KEYS[2], name)
              redis.call('DEL', ARGV[3] .. name)
              redis.call('PUBLISH', ARGV[4], 'l\\n' .. name)
            end
            local live = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
            local out = {now, fresh}
            for j = 1, #live, 2 do
              table.insert(out, live[j])
              table.insert(out, tonumber(live[j + 1]))
              table.insert(out, tonumber(redis.call('HGET', KEYS[2], live[j]) or '0'))
              table.insert(out, redis.call('HLEN', ARGV[3] .. live[j]))
            end
            return out
            """;

    /**
     * Keys: conns (the node's), versions. Args: node, the most entries to return. Returns the node's version (0 when it
     * left), its number of connections, and up to that many id and entry pairs.
     */
    static final String READ = """
            local version = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
            local cap = tonumber(ARGV[2])
            local count = redis.call('HLEN', KEYS[1])
            if count <= cap then
              return {version, count, redis.call('HGETALL', KEYS[1])}
            end
            local out = {}
            local cursor = '0'
            repeat
              local page = redis.call('HSCAN', KEYS[1], cursor, 'COUNT', 1000)
              cursor = page[1]
              local j = 1
              while j < #page[2] and #out < 2 * cap do
                table.insert(out, page[2][j])
                table.insert(out, page[2][j + 1])
                j = j + 2
              end
            until cursor == '0' or #out >= 2 * cap
            return {version, count, out}
            """;

    /**
     * Keys: nodes, versions, conns (this node's). Args: node, the Pub/Sub channel. Removes the node and announces it.
     */
    static final String LEAVE = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('DEL', KEYS[3])
            redis.call('PUBLISH', ARGV[2], 'l\\n' .. ARGV[1])
            return 0
            """;

    private PresenceScripts() {
    }

    // The scripts' keys and arguments are bytes: UTF-8 names, ASCII numbers.
    static byte[][] keys(String... names) {
        byte[][] keys = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            keys[i] = bytes(names[i]);
        }
        return keys;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
