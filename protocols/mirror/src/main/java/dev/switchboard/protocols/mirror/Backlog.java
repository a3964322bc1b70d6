package dev.switchboard.protocols.mirror;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The latest messages of one mirror instance, for members that join later: at most {@code maxMessages} of them and
 * at most {@code maxBytes} of payload, the oldest dropped first.
 *
 * <p>It always holds an unbroken run of the instance's latest messages, so a joiner that receives it and then the
 * live traffic misses nothing in between: a message larger than {@code maxBytes} cannot be kept and empties the
 * backlog rather than leave a hole before the next one.
 *
 * <p>Not thread-safe: its {@link MirrorInstance} calls it under the instance lock.
 */
final class Backlog {

    private final int maxMessages;
    private final long maxBytes;
    private final Deque<MirrorMessage> messages = new ArrayDeque<>();
    private long bytes;

    /**
     * Creates an empty backlog.
     *
     * @param maxMessages the most messages kept, 0 for none
     * @param maxBytes    the most payload bytes kept, 0 for none
     */
    Backlog(int maxMessages, long maxBytes) {
        if (maxMessages < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("negative bound: " + maxMessages + " messages, " + maxBytes + " bytes");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Whether this backlog keeps anything at all; when it does not, relaying need not copy messages for it.
     *
     * @return {@code false} when either bound is 0
     */
    boolean keepsMessages() {
        return maxMessages > 0 && maxBytes > 0;
    }

    /**
     * Adds the newest message and drops the oldest ones until both bounds hold.
     *
     * @param message the message
     */
    void add(MirrorMessage message) {
        Objects.requireNonNull(message, "message is null");
        if (!keepsMessages()) {
            return;
        }
        if (message.payloadBytes() > maxBytes) {
            messages.clear();
            bytes = 0;
            return;
        }
        messages.addLast(message);
        bytes += message.payloadBytes();
        while (messages.size() > maxMessages || bytes > maxBytes) {
            bytes -= messages.removeFirst().payloadBytes();
        }
    }

    /**
     * Hands each kept message to an action, oldest first.
     *
     * @param action what to do with each
     */
    void forEach(Consumer<? super MirrorMessage> action) {
        messages.forEach(action);
    }
}
