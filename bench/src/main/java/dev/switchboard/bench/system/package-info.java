/**
 * Readings of the machine and the server process: CPU time, resident memory and load from /proc, heap via jcmd.
 */
package dev.switchboard.bench.system;
