/**
 * permessage-deflate (RFC 7692): negotiating it from the client's offers, inflating the messages a client compressed
 * and compressing the server's, with zlib's memory bounded by pooling what holds no state between messages.
 */
package dev.switchboard.server.deflate;
