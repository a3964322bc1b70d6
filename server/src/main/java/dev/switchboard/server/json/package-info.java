/**
 * JSON text written by hand: the server's few small documents need no JSON library.
 */
package dev.switchboard.server.json;
