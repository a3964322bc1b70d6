package dev.switchboard.server.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.lettuce.core.api.sync.RedisScriptingCommands;

/**
 * A Lua script run with EVALSHA, by its SHA-1, falling back to EVAL (which also loads it) when Redis does not know it:
 * after Redis restarted, say.
 *
 * @param name what it does, for messages
 * @param body the script
 * @param sha  its SHA-1 in hex, as Redis names it
 */
record RedisScript(String name, byte[] body, String sha) {

    /**
     * Keys: seq, backlog, bytes, meta, nodes. Args: the Pub/Sub channel, the message (a marker byte, {@code t} or
     * {@code b}, then the payload), the keys' time to live in seconds, and when the publishing node has members: the
     * backlog's most messages and most bytes as they joined, and the node's name, else two empty values and the name.
     * Restores the bounds and the node's note should Redis have lost them (restarted empty), gives the message the
     * channel's next sequence number, keeps it in the backlog within the bounds the meta hash holds (none when it
     * holds none: no backlog, or no member anywhere), and publishes {@code seq:message}. Returns the sequence number.
     */
    static final RedisScript PUBLISH = of("publish", """
            local ttl = tonumber(ARGV[3])
            if ARGV[4] ~= '' then
              redis.call('HSETNX', KEYS[4], 'messages', ARGV[4])
              redis.call('HSETNX', KEYS[4], 'bytes', ARGV[5])
              redis.call('HSET', KEYS[5], ARGV[6], '1')
              redis.call('EXPIRE', KEYS[5], ttl)
            end
            local seq = redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ttl)
            local entry = seq .. ':' .. ARGV[2]
            local maxMessages = tonumber(redis.call('HGET', KEYS[4], 'messages') or '0')
            local maxBytes = tonumber(redis.call('HGET', KEYS[4], 'bytes') or '0')
            if maxMessages > 0 and maxBytes > 0 then
              local size = string.len(ARGV[2]) - 1
              if size > maxBytes then
                redis.call('DEL', KEYS[2], KEYS[3])
              else
                redis.call('RPUSH', KEYS[2], entry)
                local total = redis.call('INCRBY', KEYS[3], size)
                local count = redis.call('LLEN', KEYS[2])
                while count > maxMessages or total > maxBytes do
                  local old = redis.call('LPOP', KEYS[2])
                  local colon = string.find(old, ':', 1, true)
                  total = redis.call('INCRBY', KEYS[3], colon + 1 - string.len(old))
                  count = count - 1
                end
                redis.call('EXPIRE', KEYS[2], ttl)
                redis.call('EXPIRE', KEYS[3], ttl)
              end
              redis.call('EXPIRE', KEYS[4], ttl)
            end
            redis.call('PUBLISH', ARGV[1], entry)
            return seq
            """);

    /**
     * Keys: seq, backlog, meta, nodes. Args: the backlog's most messages and most bytes, this node's name, the keys'
     * time to live. Fixes the channel's backlog bounds unless they are fixed already, notes that this node has members,
     * and returns the latest sequence number, the backlog and the bounds, read in one step.
     */
    static final RedisScript JOIN = of("join", """
            redis.call('HSETNX', KEYS[3], 'messages', ARGV[1])
            redis.call('HSETNX', KEYS[3], 'bytes', ARGV[2])
            redis.call('HSET', KEYS[4], ARGV[3], '1')
            local ttl = tonumber(ARGV[4])
            redis.call('EXPIRE', KEYS[3], ttl)
            redis.call('EXPIRE', KEYS[4], ttl)
            local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
            return {seq, redis.call('LRANGE', KEYS[2], 0, -1), redis.call('HGET', KEYS[3], 'messages'),
                    redis.call('HGET', KEYS[3], 'bytes')}
            """);

    /**
     * Keys: backlog, bytes, meta, nodes. Args: this node's name. Notes that this node has no members left; when no node
     * has any, the channel vanishes with its backlog. The sequence number stays (and expires), so that it never goes
     * back for a node still receiving.
     */
    static final RedisScript LEAVE = of("leave", """
            redis.call('HDEL', KEYS[4], ARGV[1])
            if redis.call('HLEN', KEYS[4]) == 0 then
              redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
            end
            return 0
            """);

    /**
     * Loads the channel scripts into Redis, before a node's first publish: a fresh Redis would answer the first
     * publishes NOSCRIPT, and their EVAL retries could run after later publishes that found the script one EVAL had
     * just loaded, so that a publisher's messages changed places.
     *
     * @param redis the node's connection
     */
    static void loadInto(RedisScriptingCommands<byte[], byte[]> redis) {
        for (RedisScript script : List.of(PUBLISH, JOIN, LEAVE)) {
            redis.scriptLoad(script.body());
        }
    }

    private static RedisScript of(String name, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            return new RedisScript(name, body, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}
