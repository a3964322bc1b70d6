/**
 * JMH microbenchmarks of the server's hot paths that are public: frame decode and encode, incremental UTF-8
 * validation. Package-private paths are benchmarked from their own package names in this module
 * ({@code dev.switchboard.protocols.reverse.ReverseBenchmark}, {@code dev.switchboard.server.runtime.BroadcastBenchmark}).
 * Run with {@code ./switchboard bench jmh}.
 */
package dev.switchboard.bench.jmh;
