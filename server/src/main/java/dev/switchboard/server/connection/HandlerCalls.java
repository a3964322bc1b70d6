package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.server.metrics.PluginEvent;
import dev.switchboard.server.plugin.ContextClassLoader;
import dev.switchboard.server.plugin.ProtocolJarLoader;
import dev.switchboard.server.runtime.ProtocolRuntime;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The calls one session makes into its protocol's handler, as its {@link SessionInbox} hands them out on a handler
 * thread, one at a time: the opening, each message, the tasks of {@code execute}, onWritable and the close event,
 * each with the protocol's context class loader. Each call is timed for the {@link HandlerWatchdog}, and a handler
 * that throws closes its session with 1011; nothing else is affected.
 */
final class HandlerCalls {

    private static final System.Logger LOGGER = System.getLogger(HandlerCalls.class.getName());

    private final ConnectionSession session;
    private final ProtocolRuntime runtime;
    private final SessionState state;
    private final Duration handlerTimeout;
    // Written by the call that opens the session, read by the later calls, each on a handler thread.
    private volatile MessageHandler handler;
    // The handler call running now (since 0: none), for the watchdog; stallReported once it has judged it.
    private volatile long callSince;
    private volatile PluginEvent callEvent;
    private volatile boolean stallReported;

    HandlerCalls(ConnectionSession session, ProtocolRuntime runtime, SessionState state, Duration handlerTimeout) {
        this.session = session;
        this.runtime = runtime;
        this.state = state;
        this.handlerTimeout = handlerTimeout;
    }

    /**
     * Makes one call from the inbox; called by a handler thread, one call of this session at a time.
     *
     * @param event what the inbox held
     */
    void call(Object event) {
        // Publishes made by this call know their publisher through the thread.
        if (Thread.currentThread() instanceof HandlerThread thread) {
            thread.calling(session);
            try {
                dispatch(event);
            } finally {
                thread.calling(null);
            }
        } else {
            dispatch(event);
        }
    }

    private void dispatch(Object event) {
        switch (event) {
            case String text -> message(PluginEvent.ON_TEXT, text);
            case ByteBuffer data -> message(PluginEvent.ON_BINARY, data);
            case InboxEvent.ClientClose close -> session.closing().start(close.status(), false);
            case InboxEvent.ProtocolError error -> session.closing().start(error.status(), false);
            case InboxEvent.CloseEvent close -> deliverClose(close.status());
            case InboxEvent.Pong pong -> session.outbox().control(pong.frame());
            case InboxEvent.Opening opening -> openHandler();
            case InboxEvent.Task task -> runTask(task.runnable());
            case InboxEvent.Writable writable -> writable();
            default -> throw new IllegalArgumentException("not an inbox event: " + event.getClass().getName());
        }
    }

    /**
     * Called on the watchdog's tick while a thread makes this session's calls: hands a call that has run past the
     * handler timeout to the watchdog, once.
     *
     * @param now      {@link System#nanoTime()}
     * @param thread   the thread making the call
     * @param watchdog the watchdog
     */
    void watch(long now, Thread thread, HandlerWatchdog watchdog) {
        long since = callSince;
        PluginEvent event = callEvent;
        if (since != 0 && event != null && !stallReported && now - since > handlerTimeout.toNanos()) {
            stallReported = true;
            watchdog.stalled(session, event, handlerTimeout, thread);
        }
    }

    private void openHandler() {
        callStarted(PluginEvent.OPEN);
        try {
            handler = runtime.open(session);
            if (state.ended()) {
                // Ended while the protocol was opening it: it must not stay counted. Its close event is next in line.
                runtime.closed(session);
            }
        } catch (Throwable e) {
            failed(PluginEvent.OPEN, e);
        } finally {
            callSince = 0;
        }
    }

    private void message(PluginEvent event, Object message) {
        MessageHandler target = handler;
        // Once the closing handshake has started, messages still in the inbox go to no handler.
        if (target == null || state.closeSent() != null) {
            return;
        }
        callStarted(event);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(runtime.loader());
        try {
            if (message instanceof String text) {
                target.onText(text);
            } else {
                target.onBinary((ByteBuffer) message);
            }
        } catch (Throwable e) {
            // Throwable: a handler written in another JVM language may throw checked exceptions undeclared.
            failed(event, e);
        } finally {
            callSince = 0;
            thread.setContextClassLoader(previous);
        }
    }

    // Tasks run whether or not the session is closing: what a protocol hands a session may be its cleanup.
    private void runTask(Runnable task) {
        callStarted(PluginEvent.EXECUTE);
        try {
            ContextClassLoader.run(runtime.loader(), task);
        } catch (Throwable e) {
            failed(PluginEvent.EXECUTE, e);
        } finally {
            callSince = 0;
        }
    }

    private void writable() {
        MessageHandler target = handler;
        // Not closing alone: a session that ended without a closing handshake (its connection broke) is not open
        // either, and an onWritable in line then, or put in line after its close event, goes to no handler.
        if (target == null || !state.isOpen()) {
            return;
        }
        session.backpressure().writableCalled();
        callStarted(PluginEvent.ON_WRITABLE);
        try {
            ContextClassLoader.run(runtime.loader(), target::onWritable);
        } catch (Throwable e) {
            failed(PluginEvent.ON_WRITABLE, e);
        } finally {
            callSince = 0;
        }
    }

    private void deliverClose(CloseStatus status) {
        callStarted(PluginEvent.ON_CLOSE);
        try {
            MessageHandler target = handler;
            if (target != null) {
                ContextClassLoader.run(runtime.loader(), () -> target.onClose(status));
            }
        } catch (Throwable e) {
            runtime.handlerFailed("Protocol " + runtime.name() + " session " + session.id() + ": onClose failed: "
                                          + ProtocolJarLoader.causeText(e));
            session.activity().pluginError(PluginEvent.ON_CLOSE);
        } finally {
            callSince = 0;
            runtime.closeDelivered(session);
        }
    }

    // The reported flag is cleared before the start is set, so the watchdog never sees a new call as reported.
    private void callStarted(PluginEvent event) {
        stallReported = false;
        callEvent = event;
        callSince = System.nanoTime();
    }

    // A plugin fault stays local: this session closes with 1011, nothing else is affected.
    private void failed(PluginEvent event, Throwable e) {
        runtime.handlerFailed("Protocol " + runtime.name() + " session " + session.id() + ": " + event.tag()
                                      + " failed: " + ProtocolJarLoader.causeText(e));
        LOGGER.log(DEBUG, () -> "Stack trace of the failure in session " + session.id(), e);
        session.activity().pluginError(event);
        session.closing().start(CloseStatus.INTERNAL_ERROR, false);
    }
}
