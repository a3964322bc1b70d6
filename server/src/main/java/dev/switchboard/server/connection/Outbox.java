package dev.switchboard.server.connection;

import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.deflate.SendCompression;
import dev.switchboard.server.frame.FrameEncoder;
import dev.switchboard.server.metrics.ProtocolMeters;
import dev.switchboard.server.metrics.SessionActivity;

/**
 * What one session sends, on its way to the {@link SendQueue}: a message becomes its frame (compressed if
 * permessage-deflate was negotiated and the message is large enough), is counted once queued, and a frame the queue
 * refuses for its bound closes the session as a slow consumer.
 *
 * @param queue       the session's send queue
 * @param compression whether and how the session compresses what it sends
 * @param activity    the session's tally, which counts each message queued
 * @param meters      the protocol's meters, which count a compressed message's size on the wire
 * @param closing     the session's closing, for a frame the queue refuses
 */
record Outbox(SendQueue queue,
              SendCompression compression,
              SessionActivity activity,
              ProtocolMeters meters,
              SessionClose closing) {

    /**
     * Queues a message, within the queue's bound.
     *
     * @param message the message
     * @return whether it was queued
     */
    boolean send(OutboundMessage message) {
        return queueMessage(frame(message), message.payloadBytes());
    }

    /**
     * Queues a frame encoded once for many sessions, within the queue's bound.
     *
     * @param frame the encoded frame
     * @return whether it was queued
     */
    boolean sendFrame(byte[] frame) {
        return queueMessage(frame, FrameEncoder.payloadLength(frame));
    }

    /**
     * Queues a message only while the queue is below its high-water mark.
     *
     * @param message the message
     * @return whether it was queued
     */
    boolean offer(OutboundMessage message) {
        byte[] frame = frame(message);
        if (queue.offerBelowHighWater(frame)) {
            counted(frame, message.payloadBytes());
            return true;
        }
        return false;
    }

    /**
     * Queues a pong now; a client whose queue is full is not reading, pongs included.
     *
     * @param frame the encoded pong
     */
    void control(byte[] frame) {
        if (!queue.control(frame)) {
            closing.queueRefused();
        }
    }

    /**
     * Queues a keepalive ping, within the queue's bound like any other frame.
     *
     * @param frame the encoded ping
     */
    void ping(byte[] frame) {
        if (!queue.ping(frame)) {
            closing.queueRefused();
        }
    }

    // The frame this session sends for a message: compressed if negotiated and the message is large enough.
    private byte[] frame(OutboundMessage message) {
        return compression.compresses(message)
                ? message.compressedFrame(compression.deflater())
                : message.plainFrame();
    }

    // A queued message counts its size before compression; a compressed one (RSV1) also its size on the wire.
    private void counted(byte[] frame, int payloadBytes) {
        activity.messageSent(payloadBytes);
        if ((frame[0] & 0x40) != 0) {
            meters.compressedSent(payloadBytes, FrameEncoder.payloadLength(frame));
        }
    }

    private boolean queueMessage(byte[] frame, int payloadBytes) {
        if (queue.offer(frame)) {
            counted(frame, payloadBytes);
            return true;
        }
        closing.queueRefused();
        return false;
    }
}
