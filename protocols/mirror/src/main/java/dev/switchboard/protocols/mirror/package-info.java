/**
 * The {@code lws-mirror-protocol}: every message goes to all connections of the same mirror instance, the sender
 * included, after libwebsockets' test server.
 *
 * <p>Read top to bottom: {@link dev.switchboard.protocols.mirror.MirrorProtocolFactory} (name, version, options),
 * {@link dev.switchboard.protocols.mirror.MirrorProtocol} (instances as channels: the cap, the backlog, joining) and
 * {@link dev.switchboard.protocols.mirror.MirrorHandler} (publishing each message to the instance).
 */
package dev.switchboard.protocols.mirror;
