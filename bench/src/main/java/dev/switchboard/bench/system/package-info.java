/**
 * Readings of the machine and the server process: CPU time, resident memory and load from /proc, heap via jcmd; and
 * pinning the load generator to CPUs.
 */
package dev.switchboard.bench.system;
