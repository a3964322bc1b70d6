/**
 * The load generator's I/O: a small non-blocking WebSocket client over JDK NIO (one epoll selector per thread),
 * with the opening handshake, masked frames out, zero-copy frame parsing in, and the closing handshake.
 */
package dev.switchboard.bench.client;
