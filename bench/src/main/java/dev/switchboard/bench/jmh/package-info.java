/**
 * JMH microbenchmarks of the server's hot paths, through public classes: frame decode and encode, incremental UTF-8
 * validation, the {@code reverse} protocol's reversals and a broadcast. Run with {@code ./switchboard bench jmh}.
 */
package dev.switchboard.bench.jmh;
