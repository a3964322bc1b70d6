/**
 * Which web pages may open WebSocket sessions: the {@code Origin} a browser sends with every handshake, checked
 * against the page's own server and the configured {@code allowed-origins}, against cross-site WebSocket hijacking.
 */
package dev.switchboard.server.origin;
