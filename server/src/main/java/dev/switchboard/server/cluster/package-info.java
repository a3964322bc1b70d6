/**
 * This server as a node of a cluster on Redis ({@code switchboard.cluster.redis}): the connections and their state
 * ({@link dev.switchboard.server.cluster.RedisCluster}, which also says why Lettuce and what happens when Redis is
 * down), the {@link dev.switchboard.server.channel.ChannelRelay} over Redis
 * ({@link dev.switchboard.server.cluster.RedisRelay}) and its Lua scripts
 * ({@link dev.switchboard.server.cluster.RedisScript}). The channel rules themselves are in
 * {@link dev.switchboard.server.channel.ClusterChannels}, which knows nothing of Redis.
 */
package dev.switchboard.server.cluster;
