/**
 * What happens to a TCP connection before it is a request: the connection budget below the process's file
 * descriptor limit, checked as each connection is accepted, and the handshake timeout, which closes a connection that
 * has not sent its first request in time.
 */
package dev.switchboard.server.accept;
