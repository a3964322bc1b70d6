/**
 * The {@code echo} protocol: every message goes back to its sender unchanged, text as text and binary as binary.
 * It is the protocol that WebSocket conformance suites drive.
 */
package dev.switchboard.protocols.echo;
