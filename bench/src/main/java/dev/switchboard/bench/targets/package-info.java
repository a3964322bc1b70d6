/**
 * The servers compare measures, each started as its own process and pinned with taskset: Switchboard, raw Helidon,
 * libwebsockets.
 */
package dev.switchboard.bench.targets;
