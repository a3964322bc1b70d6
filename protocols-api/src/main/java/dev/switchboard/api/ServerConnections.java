package dev.switchboard.api;

import java.util.List;

/**
 * A read-only view of every open connection of the server, across all protocols, from
 * {@link ProtocolContext#serverConnections()}: for status and monitoring protocols.
 *
 * <p>A connection is listed from the moment its protocol's {@link Protocol#open(Session)} returned until its
 * session ended, the same span in which it appears in its own protocol's {@link ProtocolContext#sessions()}.
 *
 * <p>On a node of a cluster (since 1.1) the view also lists the other nodes' connections, each with its
 * {@link ConnectionInfo#node()}, as those nodes last published them: a change on another node shows here a fraction
 * of a second later, and a node that dies leaves the list once its heartbeat expires (seconds, not at once). Neither
 * {@link #list()} nor {@link #count()} waits for the other nodes; {@link #onChange(Runnable)} listeners run for their
 * changes as for this server's own.
 */
public interface ServerConnections {

    /**
     * The open connections.
     *
     * @return a snapshot taken at the call, newest connection first
     */
    List<ConnectionInfo> list();

    /**
     * The number of open connections, without building a list.
     *
     * @return the count at the call
     */
    int count();

    /**
     * Asks to be told when connections open or close. The listener runs on the protocol's timer thread, as a
     * task given to {@link ProtocolContext#schedule} would, soon after a change; the changes that happen before it
     * runs are covered by that one run, but the server does not delay runs to merge more of them: a protocol that
     * sends something per run paces itself. Read {@link #list()} in the listener to see the current state.
     *
     * <p>Listening ends when the subscription is cancelled or the protocol stops.
     *
     * @param listener what to run after changes
     * @return the subscription, to cancel
     */
    Subscription onChange(Runnable listener);

    /**
     * A listener's registration.
     */
    interface Subscription {

        /**
         * Stops calls to the listener. A run in progress completes. Cancelling twice does nothing.
         */
        void cancel();
    }
}
