package dev.switchboard.server.cluster;

/**
 * A live node of the cluster, as a heartbeat saw it: what {@code /protocols} lists.
 *
 * @param name               the node's name
 * @param connections        its open connections, as it last published them
 * @param heartbeatAgeMillis how long before the heartbeat (in Redis's clock) the node last beat
 * @param self               whether it is this node
 */
public record ClusterMember(String name, long connections, long heartbeatAgeMillis, boolean self) {
}
