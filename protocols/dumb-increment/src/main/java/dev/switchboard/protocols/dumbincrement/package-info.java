/**
 * The {@code dumb-increment-protocol}: each connection receives a counter, as decimal text, that goes up by one
 * every interval, after libwebsockets' test server.
 *
 * <p>Read top to bottom: {@link dev.switchboard.protocols.dumbincrement.DumbIncrementProtocolFactory} (name,
 * version, the {@code interval} option), {@link dev.switchboard.protocols.dumbincrement.TimeSlots} (how one timer
 * serves every connection), {@link dev.switchboard.protocols.dumbincrement.DumbIncrementProtocol} (shared state:
 * the slots and their timer), {@link dev.switchboard.protocols.dumbincrement.SessionCounter} (per-connection
 * state) and {@link dev.switchboard.protocols.dumbincrement.DumbIncrementHandler} (per-connection messages).
 */
package dev.switchboard.protocols.dumbincrement;
