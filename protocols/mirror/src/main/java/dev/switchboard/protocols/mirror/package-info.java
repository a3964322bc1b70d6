/**
 * The {@code lws-mirror-protocol}: every message goes to all connections of the same mirror instance, the sender
 * included, after libwebsockets' test server.
 *
 * <p>Read top to bottom: {@link dev.switchboard.protocols.mirror.MirrorProtocolFactory} (name, version, options),
 * {@link dev.switchboard.protocols.mirror.MirrorProtocol} (instances by name: the cap, joining and leaving),
 * {@link dev.switchboard.protocols.mirror.MirrorInstance} (one instance: its members, one order for all of them),
 * {@link dev.switchboard.protocols.mirror.Backlog} and {@link dev.switchboard.protocols.mirror.MirrorMessage} (what a
 * late joiner receives first) and {@link dev.switchboard.protocols.mirror.MirrorHandler} (per-connection messages).
 */
package dev.switchboard.protocols.mirror;
