package dev.switchboard.server.listener;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsSession;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.channel.ChannelMember;
import dev.switchboard.server.frame.FrameEncoder;

/**
 * Helidon's {@code WsSession} over a Switchboard session: one per connection, the same object in every listener call,
 * so a listener may key its state by it as it does on Helidon.
 *
 * <p>Sends never block and are queued as the protocol API queues them; a client that does not read is closed with
 * 1008 instead of blocking the sender. A message sent in parts ({@code last == false}) is held until its last part
 * and sent whole, up to the protocol's {@code send-queue-limit}; a larger one closes the session with 1008, as a
 * message overflowing the send queue does. Parts of one session form one stream, as on Helidon: keep a message's
 * parts on one thread. Pings are answered by the connection itself, so {@code onPing}/{@code onPong} are never
 * called; {@link #ping(BufferData)} and {@link #pong(BufferData)} send control frames.
 */
final class HelidonWsSession implements WsSession {

    private final ChannelMember session;
    private final PartialMessage partial;

    /**
     * Creates the adapter.
     *
     * @param session           the connection's session
     * @param partialLimitBytes the largest message sent in parts, in bytes
     */
    HelidonWsSession(ChannelMember session, long partialLimitBytes) {
        this.session = session;
        this.partial = new PartialMessage(partialLimitBytes);
    }

    @Override
    public WsSession send(String text, boolean last) {
        synchronized (partial) {
            if (!last) {
                keepPart(partial.addText(text));
            } else if (partial.isStarted()) {
                if (partial.addText(text)) {
                    session.send(partial.takeText());
                } else {
                    partTooLarge();
                }
            } else {
                session.send(text);
            }
        }
        return this;
    }

    @Override
    public WsSession send(BufferData bufferData, boolean last) {
        byte[] bytes = bufferData.readBytes();
        synchronized (partial) {
            if (!last) {
                keepPart(partial.addBinary(bytes));
            } else if (partial.isStarted()) {
                if (partial.addBinary(bytes)) {
                    session.send(ByteBuffer.wrap(partial.takeBinary()));
                } else {
                    partTooLarge();
                }
            } else {
                session.send(ByteBuffer.wrap(bytes));
            }
        }
        return this;
    }

    @Override
    public WsSession ping(BufferData bufferData) {
        session.sendFrame(FrameEncoder.ping(bufferData.readBytes()));
        return this;
    }

    @Override
    public WsSession pong(BufferData bufferData) {
        session.sendFrame(FrameEncoder.pong(bufferData.readBytes()));
        return this;
    }

    @Override
    public WsSession close(int code, String reason) {
        session.close(CloseStatus.of(code, reason));
        return this;
    }

    /**
     * Closes with 1000 {@code Terminate}, as Helidon does. Helidon then drops the connection at once; here the
     * closing handshake runs its course, within the server's {@code close-timeout}.
     *
     * @return this session
     */
    @Override
    public WsSession terminate() {
        return close(WsCloseCodes.NORMAL_CLOSE, "Terminate");
    }

    /**
     * The subprotocol on the wire: empty for a client that offered none and got the default protocol, since the
     * 101 response then names none.
     *
     * @return the negotiated subprotocol, if the client asked for one
     */
    @Override
    public Optional<String> subProtocol() {
        return session.handshake().offeredProtocols().isEmpty() ? Optional.empty() : Optional.of(session.subprotocol());
    }

    @Override
    public SocketContext socketContext() {
        return new SessionSocketContext(session);
    }

    @Override
    public HttpPrologue prologue() {
        return UpgradeRequest.prologue(session.handshake());
    }

    @Override
    public String toString() {
        return "WsSession " + session.id() + " (" + session.subprotocol() + ")";
    }

    private void keepPart(boolean kept) {
        if (!kept) {
            partTooLarge();
        }
    }

    private void partTooLarge() {
        session.close(CloseStatus.POLICY_VIOLATION.withReason("message sent in parts is over send-queue-limit"));
    }
}
