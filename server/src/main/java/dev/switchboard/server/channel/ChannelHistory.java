package dev.switchboard.server.channel;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.server.deflate.OutboundMessage;

/**
 * A channel's backlog: its latest messages, the same ones (and so the same encoded frames) its members' queues
 * got, within the bounds of a {@link ChannelBacklog}, the oldest dropped first.
 *
 * <p>Always an unbroken run of the latest messages, so a joiner that receives it and then the live traffic misses
 * nothing: a message larger than the byte bound empties it rather than leave a hole before the next one.
 *
 * <p>Not thread-safe: its {@link LiveChannel} calls it under the channel's lock.
 */
final class ChannelHistory {

    private final ChannelBacklog bounds;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private long payloadBytes;

    ChannelHistory(ChannelBacklog bounds) {
        this.bounds = bounds;
    }

    /**
     * Whether anything is kept at all, so that publishing can skip the bookkeeping.
     *
     * @return {@code false} when either bound is 0
     */
    boolean keepsMessages() {
        return bounds.keepsMessages();
    }

    /**
     * Adds the newest message and drops the oldest until both bounds hold.
     *
     * @param message      the message
     * @param payloadBytes its payload's length, what the byte bound counts
     */
    void add(OutboundMessage message, int payloadBytes) {
        if (!keepsMessages()) {
            return;
        }
        if (payloadBytes > bounds.maxBytes()) {
            kept.clear();
            this.payloadBytes = 0;
            return;
        }
        kept.addLast(new Kept(message, payloadBytes));
        this.payloadBytes += payloadBytes;
        while (kept.size() > bounds.maxMessages() || this.payloadBytes > bounds.maxBytes()) {
            this.payloadBytes -= kept.removeFirst().payloadBytes();
        }
    }

    /**
     * Hands each kept frame to an action, oldest first.
     *
     * @param action what to do with each
     */
    void forEach(Consumer<OutboundMessage> action) {
        for (Kept message : kept) {
            action.accept(message.message());
        }
    }

    private record Kept(OutboundMessage message, int payloadBytes) {
    }
}
