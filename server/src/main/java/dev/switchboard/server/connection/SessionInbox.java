package dev.switchboard.server.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one session's handler has yet to be called with, in arrival order, and the one place its calls are made:
 * the {@link HandlerThreads} drain an inbox on one thread at a time, so a session's calls never overlap and keep
 * their order, as the API promises.
 *
 * <p>The inbox is bounded in bytes: a reader that finds it full waits (and so reads nothing, and TCP pushes back on
 * the client) until the handler has caught up or the session is closing. One message always fits an inbox below the
 * bound, whatever its size, so the memory a connection holds for its handler is the bound plus one message. A message
 * weighs at least {@link #MIN_WEIGHT} bytes, so that a flood of empty ones is bounded too.
 *
 * <p>Tasks of {@code Session.execute} never wait either (a protocol's timer thread must not block on one session), so
 * they are bounded by count instead: at most {@link #MAX_TASKS} wait at once. The close event is the last thing in an
 * inbox: no task is taken after it.
 *
 * <p>A drain makes at most {@link #BATCH} calls before the inbox goes to the back of the line, so that one busy
 * session does not keep a thread from the others.
 *
 * <p>A {@link #hold()} keeps the next call waiting without holding a thread: a session that published to channel
 * members who are behind is slowed this way, its reader waiting on a full inbox, until they have drained.
 */
final class SessionInbox implements HandlerWork {

    /**
     * The most tasks of {@code Session.execute} waiting in one inbox. A handler that many tasks behind is stuck or fed
     * far faster than it runs; with the tasks' closures at some tens of bytes each this bounds a session's tasks to
     * about as much memory as its messages ({@code max-message-size}, 1 MiB by default).
     */
    static final int MAX_TASKS = 10_000;

    private static final int BATCH = 16;
    // About what an empty message costs in the queue: the array or string, and the deque's slot.
    private static final int MIN_WEIGHT = 64;

    private final HandlerCalls calls;
    private final HandlerThreads threads;
    private final long limitBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<Object> events = new ArrayDeque<>();
    private long bytes;
    private int tasks;
    private boolean inLine;
    private boolean stopWaiting;
    // The close event is in line, or tasks overflowed: no task is taken any more.
    private boolean takesNoTasks;

    // Holds on the next call (a publish to members who are behind), ignored once the session is closing.
    private int holds;

    /**
     * Creates the inbox.
     *
     * @param calls      the calls it makes
     * @param threads    the threads that drain it
     * @param limitBytes the bytes of messages it holds before the reader waits
     */
    SessionInbox(HandlerCalls calls, HandlerThreads threads, long limitBytes) {
        this.calls = calls;
        this.threads = threads;
        this.limitBytes = limitBytes;
    }

    /**
     * Adds a message from the client, waiting while the inbox is full, unless the session is closing: then the
     * message is dropped, as the handler no longer gets messages.
     *
     * @param message the {@code String} or {@code ByteBuffer}
     * @throws InterruptedException if the reader is interrupted while it waits (a timeout cut the connection)
     */
    void message(Object message) throws InterruptedException {
        lock.lock();
        try {
            while (bytes >= limitBytes && !stopWaiting) {
                space.await();
            }
            if (!stopWaiting) {
                bytes += weight(message);
                enqueue(message);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds an event of the session's lifecycle (its opening, the client's close, the close event), which never
     * waits for room.
     *
     * @param event the event
     */
    void event(InboxEvent event) {
        lock.lock();
        try {
            enqueue(event);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the session's close event, after which the inbox takes no task: the close event is the handler's last call.
     *
     * @param event the close event
     */
    void closeEvent(InboxEvent.CloseEvent event) {
        lock.lock();
        try {
            takesNoTasks = true;
            enqueue(event);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a task of {@code Session.execute}, never waiting: unless the close event is in line, or
     * {@link #MAX_TASKS} tasks wait already.
     *
     * @param task the task
     * @return whether it was taken
     */
    TaskAdmission task(Runnable task) {
        lock.lock();
        try {
            if (takesNoTasks) {
                return TaskAdmission.ENDED;
            }
            if (tasks >= MAX_TASKS) {
                takesNoTasks = true;
                return TaskAdmission.OVERFLOW;
            }
            tasks++;
            enqueue(new InboxEvent.Task(task));
            return TaskAdmission.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds an event behind the calls waiting or running, if there are any. It replaces an event of its kind that is
     * last in line (a pong waiting for the same calls): such events are not bounded by the inbox's bytes, and a client
     * that sends nothing but pings to a session whose handler is busy or held would otherwise pile them up without
     * bound. RFC 6455 lets a server answer only the latest of pings it has not answered yet.
     *
     * @param event the event
     * @return {@code false} if no call waits or runs: the caller acts at once instead
     */
    boolean afterPendingCalls(InboxEvent event) {
        lock.lock();
        try {
            if (!inLine && events.isEmpty()) {
                return false;
            }
            Object last = events.peekLast();
            if (last != null && last.getClass() == event.getClass()) {
                events.pollLast();
            }
            events.add(event);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The session is closing: a reader waiting for room stops waiting, and later messages are dropped. */
    void stopWaiting() {
        lock.lock();
        try {
            stopWaiting = true;
            space.signalAll();
            // Calls that were held go on: a closing session is not held.
            putInLineIfWaiting();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delays the next call until {@link #release()} has been called as often: the inbox fills and the reader waits.
     * The call running now, if any, goes on. Ignored once the session is closing.
     */
    void hold() {
        lock.lock();
        try {
            holds++;
        } finally {
            lock.unlock();
        }
    }

    /** Ends one {@link #hold()}; the last puts waiting calls back in line. */
    void release() {
        lock.lock();
        try {
            holds--;
            putInLineIfWaiting();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a reader would wait: the handler has not caught up with what arrived.
     *
     * @return {@code true} while the inbox holds its bound or more
     */
    boolean full() {
        lock.lock();
        try {
            return bytes >= limitBytes && !stopWaiting;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes up to {@link #BATCH} calls, then leaves the thread, back in line if more are waiting. Called by one
     * thread at a time: an inbox is in line once at most.
     */
    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Object event;
            lock.lock();
            try {
                event = held() ? null : events.poll();
                if (event == null) {
                    inLine = false;
                    return;
                }
                if (event instanceof String || event instanceof ByteBuffer) {
                    bytes -= weight(event);
                    space.signal();
                } else if (event instanceof InboxEvent.Task) {
                    tasks--;
                }
            } finally {
                lock.unlock();
            }
            calls.call(event);
        }
        lock.lock();
        try {
            if (events.isEmpty() || held()) {
                inLine = false;
                return;
            }
        } finally {
            lock.unlock();
        }
        threads.execute(this);
    }

    /**
     * Called on the watchdog's tick while a thread drains this inbox.
     *
     * @param now      {@link System#nanoTime()}
     * @param thread   the thread making the call
     * @param watchdog the watchdog
     */
    @Override
    public void watch(long now, Thread thread, HandlerWatchdog watchdog) {
        calls.watch(now, thread, watchdog);
    }

    // Called with the lock held.
    private void enqueue(Object event) {
        events.add(event);
        putInLineIfWaiting();
    }

    // Called with the lock held.
    private void putInLineIfWaiting() {
        if (!inLine && !held() && !events.isEmpty()) {
            inLine = true;
            threads.execute(this);
        }
    }

    // Called with the lock held.
    private boolean held() {
        return holds > 0 && !stopWaiting;
    }

    private static long weight(Object message) {
        int length = message instanceof String text ? text.length() : ((ByteBuffer) message).remaining();
        return Math.max(MIN_WEIGHT, length);
    }
}
