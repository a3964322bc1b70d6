/**
 * The raw Helidon anchor: the benchmarked protocols written directly on Helidon 4.5.0's own WsListener.
 */
package dev.switchboard.bench.helidon;
