package dev.switchboard.server.handshake;

import java.time.Duration;

import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.runtime.ProtocolRuntime;

/**
 * A handshake put to the protocol it asks for: what every call into the protocol about it (its {@code accept}, its
 * {@code abandoned}) is made with.
 *
 * @param threads the handler threads the calls run on
 * @param runtime the protocol
 * @param request the client's request
 * @param timeout the protocol's handler timeout, which a call must not run past
 */
record ProtocolHandshake(HandlerThreads threads, ProtocolRuntime runtime, HandshakeRequest request, Duration timeout) {
}
