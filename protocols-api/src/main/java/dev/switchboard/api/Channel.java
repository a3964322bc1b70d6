package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One named channel of a protocol, from {@link Channels#channel(String)}.
 *
 * <h2>Order and delivery</h2>
 * <ul>
 *     <li>Every member receives the channel's messages in one order, the same for all of them: two publishes that
 *     overlap in time, from any threads, are put in one order that every member sees. Publishes made one after the
 *     other (the second begun after the first returned) keep that order.</li>
 *     <li>A published message reaches every session that is a member when the message takes its place in that order,
 *     the publisher included if it is a member, and no other session.</li>
 *     <li>A session that joins receives the channel's backlog first, then every message published after it, with
 *     nothing missing in between and nothing twice.</li>
 *     <li>Messages are queued to members as {@link Session#send(String)} queues them, encoded once per publish.</li>
 *     <li>When members cannot take messages as fast as they are published, the server first slows the publisher:
 *     a publish made by one of the protocol's handler calls (or a task of {@link Session#execute(Runnable)})
 *     delays that session's next handler call until the members have drained, so the server stops reading from the
 *     publishing client and TCP pushes back on it. A member that stays far behind while others keep up is closed with
 *     1008 as a slow consumer, as {@link Session#send(String)} would close it: one that a held publisher waits for
 *     while it is the last member left to drain, or one of at most half the members on its node, for longer than the
 *     server's {@code send-timeout} in all, less the time it did not. Publishes from timers or other threads cannot be
 *     slowed; members that overflow then close as slow consumers.</li>
 *     <li>Sessions leave every channel when they end, before their {@link MessageHandler#onClose(CloseStatus)}.</li>
 * </ul>
 *
 * <p>On one node the returned stages are complete when the publish returns. In a cluster a publish may complete
 * later, once the message has its place in the channel's order; members on other nodes receive it then. Order and
 * delivery rules are the same.
 */
public interface Channel {

    /**
     * The channel's name.
     *
     * @return the name given to {@link Channels#channel(String)}
     */
    String name();

    /**
     * Makes a session a member: it receives the backlog, then every message published from now on, until it leaves
     * or ends. Brings the channel into being if it has no members.
     *
     * @param session an open session of this protocol
     * @return {@code false} if the session was a member already or is no longer open: nothing happened
     * @throws IllegalArgumentException if the session is not one of this protocol's sessions
     */
    boolean join(Session session);

    /**
     * Makes a session a member unless the channel already has {@code maxMembers} members: a room with a capacity. The
     * check and the join are one step, so joins that race never take the channel past its capacity, and the protocol
     * keeps no count of its own. The members counted are those of {@link #memberCount()}.
     *
     * <p>A protocol that refuses a full room at the handshake ({@link Protocol#accept(Handshake)} returning 503 while
     * {@code memberCount() >= maxMembers}) still joins this way in {@link Protocol#open(Session)}: between the two,
     * other handshakes may have filled the room, and the session that finds it full is best closed with
     * {@code 1013 try again later}.
     *
     * @param session    an open session of this protocol
     * @param maxMembers the most members the channel may have, at least 1
     * @return {@code false} if the channel is full, or the session was a member already or is no longer open: nothing
     *         happened
     * @throws IllegalArgumentException if the session is not one of this protocol's sessions, or {@code maxMembers}
     *                                  is below 1
     */
    boolean join(Session session, int maxMembers);

    /**
     * Ends a session's membership. The channel vanishes with its last member.
     *
     * @param session the session
     * @return {@code false} if the session was not a member
     */
    boolean leave(Session session);

    /**
     * Sends a text message to every member, in the channel's one order, and keeps it in the backlog. A channel
     * without members drops it.
     *
     * @param text the message
     * @return completes once the message has its place in the channel's order and is queued to the members of this
     *         node
     */
    CompletionStage<Void> publish(String text);

    /**
     * Sends a binary message, the buffer's remaining bytes, as {@link #publish(String)} sends text. The bytes are
     * copied before this method returns, so the caller may reuse the buffer.
     *
     * @param data the message
     * @return as for {@link #publish(String)}
     */
    CompletionStage<Void> publish(ByteBuffer data);

    /**
     * The members on this node.
     *
     * @return a snapshot taken at the call, in joining order
     */
    Set<Session> members();

    /**
     * The number of members on this node, without building a set.
     *
     * @return the count at the call, 0 when the channel does not exist
     */
    int memberCount();
}
