/**
 * The RFC 6455 frame layer of the server: reading client frames, writing server frames, and the rules that sit
 * between the two (fragmentation, UTF-8 of text messages, close payloads).
 *
 * <p>Only the JDK is used here, so the rules can be tested without a socket and the connection that drives them
 * can change without touching them. One job per class:
 * <ul>
 *     <li>{@link dev.switchboard.server.frame.FrameReader} reads one {@link dev.switchboard.server.frame.Frame} at a
 *     time from a {@link dev.switchboard.server.frame.ByteSource} and refuses any frame that breaks the framing
 *     rules before reading its payload;</li>
 *     <li>{@link dev.switchboard.server.frame.Utf8Validator} checks the payload of a text message fragment by
 *     fragment;</li>
 *     <li>{@link dev.switchboard.server.frame.CloseFrames} reads the close code and reason of a received close
 *     frame;</li>
 *     <li>{@link dev.switchboard.server.frame.FrameEncoder} writes whole unmasked server frames into one array
 *     each.</li>
 * </ul>
 * Every rule a peer can break ends in a {@link dev.switchboard.server.frame.ProtocolViolation} that carries the
 * close code to answer with.
 */
package dev.switchboard.server.frame;
