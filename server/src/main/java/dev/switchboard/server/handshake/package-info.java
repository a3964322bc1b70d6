/**
 * The opening handshake, from the request to the 101: RFC 6455's rules, the subprotocol and the protocol's own verdict,
 * the session slot, and the Helidon HTTP/1.1 upgrade SPI that hands the upgraded connection to {@code connection}.
 */
package dev.switchboard.server.handshake;
