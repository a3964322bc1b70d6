/**
 * Keeping the log readable under attack: the pace of lines a client can trigger, and Helidon's per-connection lines
 * brought under it.
 */
package dev.switchboard.server.logging;
