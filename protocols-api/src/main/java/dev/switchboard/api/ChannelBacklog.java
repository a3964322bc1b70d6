package dev.switchboard.api;

/**
 * What a channel keeps of its latest messages for sessions that join later: at most a number of messages and at most
 * a number of payload bytes, the oldest dropped first. A joiner receives the backlog before any live message.
 *
 * <p>The backlog is always an unbroken run of the channel's latest messages, so a joiner misses nothing between it
 * and the live traffic: a message larger than the byte bound empties the backlog rather than leave a hole.
 *
 * @param maxMessages the most messages kept, 0 for none
 * @param maxBytes    the most payload bytes kept, 0 for none
 */
public record ChannelBacklog(int maxMessages, long maxBytes) {

    /** No backlog: a joiner receives only what is published after it joined. */
    public static final ChannelBacklog NONE = new ChannelBacklog(0, 0);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if a bound is negative
     */
    public ChannelBacklog {
        if (maxMessages < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("A backlog bound cannot be negative: " + maxMessages + " messages, "
                                                       + maxBytes + " bytes");
        }
    }

    /**
     * Whether anything is kept at all.
     *
     * @return {@code false} when either bound is 0
     */
    public boolean keepsMessages() {
        return maxMessages > 0 && maxBytes > 0;
    }
}
