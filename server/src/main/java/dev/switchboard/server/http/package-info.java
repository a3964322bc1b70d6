/**
 * The HTTP side of the one port: Helidon's web server as Switchboard sets it up, the browser page with its headers and
 * ranges, and {@code GET /protocols}.
 */
package dev.switchboard.server.http;
