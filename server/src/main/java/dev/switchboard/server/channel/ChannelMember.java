package dev.switchboard.server.channel;

import dev.switchboard.api.Session;
import dev.switchboard.server.deflate.OutboundMessage;

/**
 * What a channel needs of a session beyond the protocol's view: queuing a frame encoded once for all members, the
 * state of its send queue, and holding back its handler calls while the members it published to catch up.
 */
public interface ChannelMember extends Session {

    /**
     * Queues a message already encoded as a frame, shared with other sessions and never modified: a publish encodes
     * once. Closes the session as a slow consumer when the frame would overflow its queue, as
     * {@link Session#send(String)} does.
     *
     * @param frame the encoded frame
     * @return {@code true} if queued
     */
    boolean sendFrame(byte[] frame);

    /**
     * Queues a message shared with other sessions, plain or compressed as this session sends it: a publish or a
     * broadcast encodes each form at most once. Closes the session as a slow consumer when the frame would overflow
     * its queue, as {@link Session#send(String)} does.
     *
     * @param message the message
     * @return {@code true} if queued
     */
    boolean sendMessage(OutboundMessage message);

    /**
     * Whether the send queue is at or above its high-water mark: the member is behind.
     *
     * @return {@code true} while the member is behind
     */
    boolean behind();

    /**
     * Whether the send queue is above its low-water mark: a member that is behind, or on its way there or back.
     *
     * @return {@code true} until the member has drained to its low-water mark
     */
    boolean aboveLowWater();

    /**
     * Runs an action once, when the send queue has drained to its low-water mark or the session is closing: at once,
     * on the caller's thread, if it is there already.
     *
     * @param action what to run; must be short and must not block
     */
    void whenDrained(Runnable action);

    /**
     * Notes that this member, the last one left to drain or one of at most half of the channel's members on this node,
     * keeps a held publisher waiting, or no longer does. A member that spends more of its time doing so than not, for
     * the server's {@code send-timeout} in all, is closed as a slow consumer: it stays far behind while the others keep
     * up.
     *
     * @param waiting {@code true} when a hold starts counting it, {@code false} when it has drained (or closed)
     */
    void keepsPublisherWaiting(boolean waiting);

    /**
     * Delays the session's next handler call until {@link #releaseCalls()} has been called as often as this: its
     * inbox fills, its reader stops reading and TCP pushes back on its client. A session that is closing is not held.
     */
    void holdCalls();

    /** Ends one {@link #holdCalls()}. */
    void releaseCalls();
}
