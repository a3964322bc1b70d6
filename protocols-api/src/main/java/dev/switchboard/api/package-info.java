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
 *     which may refuse it with an HTTP status, or accept it with an attachment and headers for the 101;</li>
 *     <li>{@link dev.switchboard.api.Protocol#open(Session)} for each connection that negotiated the protocol,
 *     returning that connection's {@link dev.switchboard.api.MessageHandler}, or
 *     {@link dev.switchboard.api.Protocol#abandoned(Handshake, java.util.Optional)} instead for an accepted
 *     handshake that never became a connection;</li>
 *     <li>{@link dev.switchboard.api.MessageHandler#onText(String)} and
 *     {@link dev.switchboard.api.MessageHandler#onBinary(java.nio.ByteBuffer)} for each whole message,
 *     {@link dev.switchboard.api.MessageHandler#onWritable()} when a full send queue drained, and the tasks given to
 *     {@link dev.switchboard.api.Session#execute(Runnable)}, one at a time per session, then
 *     {@link dev.switchboard.api.MessageHandler#onClose(CloseStatus)} once;</li>
 *     <li>{@link dev.switchboard.api.Protocol#stop()} once at server shutdown.</li>
 * </ol>
 *
 * <p>Sessions that should receive the same messages in one order (a room, a lobby, a ticker) join a
 * {@link dev.switchboard.api.Channel} of {@link dev.switchboard.api.ProtocolContext#channels()}; the server keeps the
 * members, the order, the backlog for late joiners and the flow control between publishers and members.
 */
package dev.switchboard.api;
