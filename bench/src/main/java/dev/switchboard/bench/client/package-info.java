/**
 * The load generator's I/O: a small non-blocking WebSocket client over JDK NIO (one epoll selector per thread),
 * with the opening handshake, masked frames out, zero-copy frame parsing in, the closing handshake, and
 * permessage-deflate (RFC 7692) when offered.
 */
package dev.switchboard.bench.client;
