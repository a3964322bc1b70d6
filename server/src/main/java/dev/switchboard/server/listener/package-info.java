/**
 * Helidon WebSocket listeners as protocols: a jar lists an unmodified {@code io.helidon.websocket.WsListener} in
 * {@code META-INF/services/io.helidon.websocket.WsListener}, the YAML names the subprotocol it serves
 * ({@code switchboard.protocols.<name>.listener: <class>}), and the listener runs on Switchboard's connection layer
 * through a {@code WsSession} adapter over the protocol API's {@code Session}.
 */
package dev.switchboard.server.listener;
