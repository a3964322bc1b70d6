/**
 * The {@code lws-status} protocol: each connection receives a JSON document listing the server's open connections,
 * of every protocol, when it connects and whenever a connection opens or closes, after libwebsockets' lws-status.
 *
 * <p>Read top to bottom: {@link dev.switchboard.protocols.status.StatusProtocolFactory} (name, version, the
 * {@code update-interval} option, the host name), {@link dev.switchboard.protocols.status.StatusProtocol} (the
 * subscription to connection changes), {@link dev.switchboard.protocols.status.UpdatePacer} (how bursts of changes
 * become a few updates), {@link dev.switchboard.protocols.status.StatusBroadcast} (who receives an update),
 * {@link dev.switchboard.protocols.status.StatusDocument} and {@link dev.switchboard.protocols.status.JsonText}
 * (the JSON).
 */
package dev.switchboard.protocols.status;
