/**
 * One upgraded WebSocket connection, from the 101 to the close: reading frames into the session's inbox, the handler
 * threads that make a protocol's calls, the bounded send queue and its socket writer, and the closing handshake.
 */
package dev.switchboard.server.connection;
