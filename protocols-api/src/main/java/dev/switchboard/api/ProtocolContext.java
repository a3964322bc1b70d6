package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;

/**
 * A protocol's view of the server, given once to {@link ProtocolFactory#create(ProtocolContext)}.
 *
 * <p>All methods are safe to call from any thread, for as long as the server runs.
 */
public interface ProtocolContext {

    /**
     * The protocol's name, the same as {@link ProtocolFactory#name()}.
     *
     * @return the subprotocol token
     */
    String name();

    /**
     * The protocol's own configuration block, read-only.
     *
     * @return the configuration view
     */
    ProtocolConfig config();

    /**
     * The protocol's open sessions.
     *
     * @return a snapshot taken at the call; sessions in it may close at any time afterwards
     */
    Collection<Session> sessions();

    /**
     * A read-only view of every open connection of the server, whatever its protocol, with notification of
     * changes: what a status protocol shows. Sessions of other protocols cannot be reached through it.
     *
     * @return the view
     */
    default ServerConnections serverConnections() {
        throw new UnsupportedOperationException("This server offers no view of its connections");
    }

    /**
     * The protocol's named channels: groups of sessions that receive the same messages in one order, with an
     * optional backlog for late joiners. A room-style protocol keeps no member lists or locks of its own.
     *
     * @return the channels, the same object at every call
     */
    Channels channels();

    /**
     * Sends one text message to many sessions, as {@link Session#send(String)} to each would, but lets the server
     * encode the message once and share its bytes. Sessions that are closed are skipped. Returns at once.
     *
     * @param recipients the sessions to send to, for example {@link #sessions()}
     * @param text       the message
     */
    void broadcast(Iterable<? extends Session> recipients, String text);

    /**
     * Sends one binary message, the buffer's remaining bytes, to many sessions, as {@link #broadcast(Iterable,
     * String)} does for text. The bytes are copied once before this method returns. Returns at once.
     *
     * @param recipients the sessions to send to
     * @param data       the message
     */
    void broadcast(Iterable<? extends Session> recipients, ByteBuffer data);

    /**
     * Runs a task once after a delay. The task runs on the protocol's timer thread, with the protocol's class
     * loader as context class loader; an exception it throws is logged and does not cancel other tasks.
     * Keep tasks short: a task that blocks delays the protocol's other timers, not those of other protocols.
     * Timer tasks run beside handler calls; to touch a session's state without a lock, hand the work to
     * {@link Session#execute(Runnable)}.
     *
     * @param task  the task
     * @param delay how long to wait
     * @return a handle to cancel the task
     */
    ScheduledTask schedule(Runnable task, Duration delay);

    /**
     * Runs a task repeatedly at a fixed rate, on the same terms as {@link #schedule(Runnable, Duration)}. A run
     * that throws is logged; later runs still happen.
     *
     * @param task         the task
     * @param initialDelay how long to wait before the first run
     * @param period       the time between the starts of two runs
     * @return a handle to cancel the task
     */
    ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period);

    /**
     * The protocol's logger, named {@code switchboard.protocol.<name>}.
     *
     * @return the logger
     */
    System.Logger logger();
}
