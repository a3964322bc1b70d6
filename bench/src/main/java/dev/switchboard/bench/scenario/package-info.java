/**
 * The scenarios (echo, stream, fanout, connect, idle), the options they read, and the runner that repeats them and
 * takes medians.
 */
package dev.switchboard.bench.scenario;
