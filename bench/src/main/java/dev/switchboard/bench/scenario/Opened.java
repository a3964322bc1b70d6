package dev.switchboard.bench.scenario;

import org.HdrHistogram.Histogram;

/**
 * The outcome of opening a batch of connections.
 *
 * @param opened       how many opened
 * @param failed       how many failed
 * @param firstFailure why the first failure failed, or {@code null}
 * @param elapsedNanos from the first connect to the last outcome
 * @param handshakes   time from opening the socket to the 101 of each opened connection, nanoseconds
 */
public record Opened(int opened, int failed, String firstFailure, long elapsedNanos, Histogram handshakes) {
}
