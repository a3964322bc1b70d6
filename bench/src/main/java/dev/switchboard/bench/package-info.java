/**
 * Switchboard's benchmark harness: the load tool's command line ({@link dev.switchboard.bench.Main}).
 */
package dev.switchboard.bench;
