/**
 * The scenarios (echo, stream, fanout, connect, idle) and the runner that repeats them and takes medians.
 */
package dev.switchboard.bench.scenario;
