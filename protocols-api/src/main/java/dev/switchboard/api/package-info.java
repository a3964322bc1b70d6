/**
 * The Switchboard protocol SPI: everything a drop-in protocol jar may see of the server.
 *
 * <p>A protocol jar contains one or more {@link dev.switchboard.api.ProtocolFactory} implementations listed in
 * {@code META-INF/services/dev.switchboard.api.ProtocolFactory}. The server loads each jar in its own class loader
 * that sees only the JDK and this package, so a protocol jar depends on nothing but this API and keeps working
 * when the server's WebSocket engine changes.
 *
 * <p>The API has a version of its own, {@link dev.switchboard.api.ApiVersion}. A protocol jar records the version it
 * was built against in its manifest ({@code Switchboard-Api-Version}); a server runs jars built against its own
 * {@code major.minor} or an older one.
 *
 * <p>Lifecycle, top to bottom:
 * <ol>
 *     <li>{@link dev.switchboard.api.ProtocolFactory#create(ProtocolContext)} once at server start, with the
 *     protocol's own configuration block;</li>
 *     <li>{@link dev.switchboard.api.Protocol#accept(Handshake)} for each handshake that negotiated the protocol,
 *     which may refuse it with an HTTP status;</li>
 *     <li>{@link dev.switchboard.api.Protocol#open(Session)} for each connection that negotiated the protocol,
 *     returning that connection's {@link dev.switchboard.api.MessageHandler};</li>
 *     <li>{@link dev.switchboard.api.MessageHandler#onText(String)} and
 *     {@link dev.switchboard.api.MessageHandler#onBinary(java.nio.ByteBuffer)} for each whole message, then
 *     {@link dev.switchboard.api.MessageHandler#onClose(CloseStatus)} once;</li>
 *     <li>{@link dev.switchboard.api.Protocol#stop()} once at server shutdown.</li>
 * </ol>
 */
package dev.switchboard.api;
