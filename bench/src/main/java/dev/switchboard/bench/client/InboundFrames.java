package dev.switchboard.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;

import dev.switchboard.server.frame.OpCode;

/**
 * The receiving half of a {@link ClientConnection}: picks the frames out of its reads and hands data to its listener,
 * a ping's payload back to the connection to answer and a close to it to end.
 *
 * <p>Reads go into the loop's shared read buffer and frames are handed over straight from it, with no copy and no
 * allocation per frame; only the bytes of a frame cut by the end of a read are kept, in a small array of the
 * connection's own (or, for a frame larger than the read buffer, a buffer sized for it). On the loop's thread only.
 */
final class InboundFrames {

    private static final byte[] NONE = new byte[0];
    // A server frame larger than this is refused: no scenario sends anything near it.
    private static final long MAX_FRAME = 64L * 1024 * 1024;

    private final ClientConnection connection;
    private final EventLoop loop;
    // Bytes of an incomplete header or frame, carried to the next read.
    private byte[] leftover = NONE;
    private int leftoverLength;
    // A frame larger than the loop's read buffer is read into a buffer of its own (in write mode between reads).
    private ByteBuffer large;
    private int messageOpCode = OpCode.TEXT;

    InboundFrames(ClientConnection connection, EventLoop loop) {
        this.connection = connection;
        this.loop = loop;
    }

    // The buffer the next read goes into, holding the bytes kept from the last one.
    ByteBuffer readBuffer() {
        if (large != null) {
            return large;
        }
        ByteBuffer buffer = loop.readBuffer();
        buffer.clear();
        if (leftoverLength > 0) {
            buffer.put(leftover, 0, leftoverLength);
            leftoverLength = 0;
        }
        return buffer;
    }

    // Keeps bytes for the next read: an incomplete handshake answer, or the start of a frame.
    void keep(ByteBuffer buffer, int position, int length) {
        if (leftover.length < length) {
            leftover = new byte[Math.max(length, 256)];
        }
        buffer.get(position, leftover, 0, length);
        leftoverLength = length;
    }

    void read(ByteBuffer buffer, int position, long now) {
        int limit = buffer.limit();
        int needed = 0;
        while (!connection.isEnded()) {
            int available = limit - position;
            if (available < 2) {
                needed = 2;
                break;
            }
            int first = buffer.get(position) & 0xFF;
            int second = buffer.get(position + 1) & 0xFF;
            if ((second & 0x80) != 0) {
                connection.fail("protocol error: the server masked a frame");
                return;
            }
            int length7 = second & 0x7F;
            int headerSize = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
            if (available < headerSize) {
                needed = headerSize;
                break;
            }
            long length = length7 < 126 ? length7
                    : length7 == 126 ? buffer.getShort(position + 2) & 0xFFFF : buffer.getLong(position + 2);
            if (length < 0 || length > MAX_FRAME) {
                connection.fail("server frame of " + length + " bytes");
                return;
            }
            if (available < headerSize + length) {
                needed = headerSize + (int) length;
                break;
            }
            frame(first, buffer, position + headerSize, (int) length, now);
            position += headerSize + (int) length;
        }
        if (!connection.isEnded()) {
            carry(buffer, position, limit - position, needed);
        }
    }

    void release() {
        large = null;
        leftover = NONE;
    }

    private void carry(ByteBuffer buffer, int position, int remaining, int needed) {
        if (remaining == 0) {
            large = null;
        } else if (buffer == large) {
            large.position(position);
            large.compact();
            if (large.capacity() < needed) {
                large = ByteBuffer.allocate(needed).put(large.flip());
            }
        } else if (needed > buffer.capacity()) {
            large = ByteBuffer.allocate(needed);
            large.put(large.position(), buffer, position, remaining).position(remaining);
        } else {
            keep(buffer, position, remaining);
        }
    }

    private void frame(int first, ByteBuffer buffer, int payload, int length, long now) {
        boolean fin = (first & 0x80) != 0;
        int opCode = first & 0x0F;
        PerMessageDeflate deflate = connection.perMessageDeflate();
        if ((first & Frames.RSV) != 0 && (deflate == null || (first & Frames.RSV) != Frames.RSV1
                || opCode != OpCode.TEXT && opCode != OpCode.BINARY)) {
            connection.fail("protocol error: reserved bits " + Integer.toBinaryString((first & Frames.RSV) >>> 4)
                    + " on opcode " + opCode + (deflate == null ? " without an extension" : ""));
            return;
        }
        switch (opCode) {
            case OpCode.TEXT, OpCode.BINARY -> {
                messageOpCode = opCode;
                if ((first & Frames.RSV1) != 0) {
                    inflate(deflate, opCode, true, fin, buffer, payload, length, now);
                } else {
                    received(fin, length);
                    connection.listener().onData(connection, opCode, fin, buffer, payload, length, now);
                }
            }
            case OpCode.CONTINUATION -> {
                if (deflate != null && deflate.inflating()) {
                    inflate(deflate, messageOpCode, false, fin, buffer, payload, length, now);
                } else {
                    received(fin, length);
                    connection.listener().onData(connection, messageOpCode, fin, buffer, payload, length, now);
                }
            }
            case OpCode.PING -> {
                byte[] data = new byte[length];
                buffer.get(payload, data);
                connection.pong(data);
            }
            case OpCode.PONG -> {
                // Nothing: this client sends no pings.
            }
            case OpCode.CLOSE -> {
                int code = length >= 2 ? buffer.getShort(payload) & 0xFFFF : ClientConnection.NO_STATUS;
                byte[] reason = new byte[Math.max(0, length - 2)];
                if (length > 2) {
                    buffer.get(payload + 2, reason);
                }
                connection.closeReceived(code, new String(reason, StandardCharsets.UTF_8));
            }
            default -> connection.fail("protocol error: unknown opcode " + opCode);
        }
    }

    private void received(boolean fin, int length) {
        Traffic traffic = loop.traffic();
        traffic.messageBytesIn += length;
        if (fin) {
            traffic.messagesIn++;
        }
    }

    private void inflate(PerMessageDeflate deflate, int opCode, boolean first, boolean fin, ByteBuffer buffer,
                         int payload, int length, long now) {
        try {
            Traffic traffic = loop.traffic();
            traffic.messageBytesIn += deflate.inflate(connection, opCode, first, fin, buffer, payload, length, now);
            if (fin) {
                traffic.messagesIn++;
                traffic.compressedIn++;
            }
        } catch (DataFormatException e) {
            connection.fail("the server's compressed message does not inflate: " + e.getMessage());
        }
    }
}
