package dev.switchboard.server.connection;

import java.time.Duration;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.metrics.SessionActivity;
import dev.switchboard.server.runtime.ProtocolRuntime;

/**
 * The ways one session closes. Each starts the server's side of the closing handshake at most once, through the
 * session's {@link SessionState}: the close frame is queued, after the frames waiting or instead of them, and nobody
 * waits for the session any more. Whatever ends the connection, {@link #ended(CloseStatus)} puts the close event last
 * in the inbox exactly once.
 *
 * @param session      the session
 * @param runtime      its protocol, which lets go of it when it ends
 * @param state        where it is in its life, which lets each way of closing happen once
 * @param queue        its send queue, which takes the close frame
 * @param inbox        its inbox, which takes the close event
 * @param backpressure its backpressure, whose waiting publishers go on once it closes
 * @param activity     its tally, which counts why it closed
 */
record SessionClose(ConnectionSession session,
                    ProtocolRuntime runtime,
                    SessionState state,
                    SendQueue queue,
                    SessionInbox inbox,
                    Backpressure backpressure,
                    SessionActivity activity) {

    private static final CloseStatus SLOW_CONSUMER =
            CloseStatus.POLICY_VIOLATION.withReason("client does not read fast enough");

    /**
     * The client's close frame arrived: once the messages before it have reached the handler (so that what they
     * send goes out before the close frame), answer it unless the server already sent its own.
     *
     * @param status the client's code and reason
     */
    void received(CloseStatus status) {
        inbox.event(new InboxEvent.ClientClose(status));
    }

    /**
     * The client broke a framing rule: the server closes with the violation's status once the messages that came
     * before the broken frame have reached the handler, so that their answers go out before the close frame (what
     * Autobahn's strict cases ask for). At once if no call waits or runs.
     *
     * @param status the status to send
     */
    void protocolError(CloseStatus status) {
        if (!inbox.afterPendingCalls(new InboxEvent.ProtocolError(status))) {
            start(status, false);
        }
    }

    /**
     * Starts the server's side of the closing handshake for a broken rule or a timeout, whatever the code. Frames
     * already queued are written before the close frame, as other servers do (node's {@code ws}): an answer to a
     * message that came before a protocol error still reaches the client. (A client that does not read gets
     * {@link #slowConsumer}, which drops them; the send timeout still watches a close frame stuck behind them.)
     *
     * @param status the status to send
     */
    void forViolation(CloseStatus status) {
        start(status, false);
    }

    /**
     * Starts the closing handshake for a client that stays over its inbound limits (1008), after the frames already
     * queued. Counted unless the session was closing already.
     *
     * @param status the status to send, its reason naming the limit
     */
    void overLimit(CloseStatus status) {
        if (start(status, false)) {
            activity.inboundLimitClosed();
        }
    }

    /**
     * Starts the closing handshake for a client that does not read what it is sent (1008); frames still queued are
     * dropped. Counted as a slow consumer unless the session was closing already.
     *
     * @param status the status to send
     */
    void slowConsumer(CloseStatus status) {
        if (start(status, true)) {
            activity.slowConsumerClosed();
        }
    }

    /**
     * A call of this session ran past the handler timeout: counted, and the session closed with 1011.
     *
     * @param event   which call
     * @param timeout the timeout it ran past
     */
    void stalled(PluginEvent event, Duration timeout) {
        runtime.handlerStalled();
        start(CloseStatus.INTERNAL_ERROR.withReason("handler timeout: " + event.tag() + " ran longer than "
                                                            + HandlerWatchdog.millis(timeout)), false);
    }

    /**
     * The send queue refused a frame: over its bound, which makes a slow consumer, or no longer taking any because
     * the connection is closing or gone, which does not.
     */
    void queueRefused() {
        if (state.takesFrames()) {
            slowConsumer(SLOW_CONSUMER);
        } else {
            start(SLOW_CONSUMER, true);
        }
    }

    /**
     * The connection is over. Puts the close event in line, if that has not happened yet: it runs after the call
     * running now returns (or never, if it never does), and neither this connection's end nor a server shutdown
     * waits for it.
     *
     * @param status what ended it
     */
    void ended(CloseStatus status) {
        if (!state.end()) {
            return;
        }
        // Counted and logged before the runtime lets go of the session; a stopping server waits for the close
        // event too.
        activity.ended(status.code(), status.reason());
        runtime.closed(session);
        backpressure.releaseDrainWaiters();
        inbox.stopWaiting();
        inbox.closeEvent(new InboxEvent.CloseEvent(status));
    }

    /**
     * Starts the server's side of the closing handshake, unless it started already or the connection ended.
     *
     * @param status     the status to send
     * @param dropQueued whether the frames waiting are dropped
     * @return {@code true} if this call started it
     */
    boolean start(CloseStatus status, boolean dropQueued) {
        if (!state.startClosing(status)) {
            return false;
        }
        inbox.stopWaiting();
        queue.close(status, dropQueued);
        backpressure.releaseDrainWaiters();
        return true;
    }
}
