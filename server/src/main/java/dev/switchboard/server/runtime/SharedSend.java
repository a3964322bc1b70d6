package dev.switchboard.server.runtime;

/**
 * A session that can queue a broadcast binary message without copying it: the bytes are shared by every recipient.
 */
public interface SharedSend {

    /**
     * Queues a binary message whose bytes are shared with other sessions and never modified.
     *
     * @param bytes the message
     */
    void sendShared(byte[] bytes);
}
