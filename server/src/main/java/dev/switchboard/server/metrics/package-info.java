/**
 * What the server counts, for {@code /observe/metrics} and the log: the server's meters, removed when it stops
 * ({@link dev.switchboard.server.metrics.ServerMetrics}), each protocol's meters looked up once
 * ({@link dev.switchboard.server.metrics.ProtocolMeters}), and each session's own tally
 * ({@link dev.switchboard.server.metrics.SessionActivity}), which ends in one log line
 * ({@link dev.switchboard.server.metrics.SessionLog}).
 *
 * <p>Nothing here depends on the rest of the server: the runtime and connection layers call in.
 */
package dev.switchboard.server.metrics;
