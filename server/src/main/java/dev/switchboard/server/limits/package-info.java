/**
 * How many sessions may be open at once, in all, per protocol and per client address: a slot is reserved for each
 * handshake before its 101 response and comes back when its session ends.
 */
package dev.switchboard.server.limits;
