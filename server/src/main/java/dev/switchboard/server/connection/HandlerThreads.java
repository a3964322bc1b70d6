package dev.switchboard.server.connection;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.server.logging.LogThrottle;
import dev.switchboard.server.logging.ThrottledLog;

/**
 * The platform threads that run every call into a protocol's handlers, session inbox by session inbox, and its
 * {@code accept} of each handshake.
 *
 * <p>Why platform threads: the JDK cannot take a carrier back from a virtual thread that never parks, so a handler
 * that spins on as many sessions as there are carriers would freeze every connection of the server, and its HTTP
 * endpoints with them. The OS preempts platform threads, so a spinning handler costs a core, not the server.
 *
 * <p>One thread per core runs the calls of healthy handlers. A run that holds its thread longer than
 * {@link #BLOCKED_AFTER} (a handler blocked on I/O, a lock, a sleep) counts as blocked, and the pool adds a thread
 * for it while other inboxes wait, up to {@code switchboard.max-handler-threads}: handlers that block do not starve
 * the others. At the cap, inboxes wait in line and {@link #saturated()} says so. A thread idle for
 * {@link #IDLE_RETIREMENT} beyond the core count ends.
 *
 * <p>A platform thread ticks every {@link #TICK} over the running threads (as many as the cap at most, not one per
 * session): it marks blocked runs, adds threads, and hands each call still running to the {@link HandlerWatchdog}.
 */
public final class HandlerThreads implements AutoCloseable {

    /** How long one run may hold its thread before another thread is added beside it. */
    static final Duration BLOCKED_AFTER = Duration.ofMillis(100);

    private static final Duration TICK = Duration.ofMillis(25);
    private static final Duration IDLE_RETIREMENT = Duration.ofSeconds(10);
    private static final System.Logger LOGGER = System.getLogger(HandlerThreads.class.getName());

    private final int coreThreads;
    private final int maxThreads;
    private final HandlerWatchdog watchdog;
    // Not a LinkedTransferQueue: its waiting threads spin before they park, which cost more CPU per echo round trip
    // and fewer round trips per second on two busy cores (bench echo, 100 connections).
    private final LinkedBlockingQueue<HandlerWork> ready = new LinkedBlockingQueue<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger blocked = new AtomicInteger();
    private final ScheduledExecutorService ticker;
    private final ThrottledLog startFailures = new ThrottledLog(LOGGER, System.Logger.Level.WARNING, new LogThrottle(
            1, Duration.ofMinutes(1), System::nanoTime, "failure", "the readiness check handlers shows the threads running"));
    // Guarded by this: starting and retiring threads.
    private int threads;
    private int started;
    private volatile boolean closed;

    /**
     * Creates the pool, with no thread until the first call, and starts its tick.
     *
     * @param coreThreads the threads kept for healthy calls, usually one per core
     * @param maxThreads  the most threads, blocked ones included
     */
    public HandlerThreads(int coreThreads, int maxThreads) {
        this.coreThreads = Math.min(coreThreads, maxThreads);
        this.maxThreads = maxThreads;
        this.watchdog = new HandlerWatchdog();
        this.ticker = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("switchboard-handler-watchdog").unstarted(task));
        ticker.scheduleAtFixedRate(this::tick, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Puts work in line for a thread.
     *
     * @param work a session inbox with calls waiting (not in line yet), or a handshake to judge
     */
    public void execute(HandlerWork work) {
        ready.add(work);
        if (idle.get() == 0) {
            startThreadIfAllowed();
        }
    }

    /**
     * The threads running or waiting for calls.
     *
     * @return the count
     */
    public synchronized int threads() {
        return threads;
    }

    /**
     * The threads held by a run longer than {@link #BLOCKED_AFTER}.
     *
     * @return the count
     */
    public int blocked() {
        return blocked.get();
    }

    /**
     * The sessions whose calls wait for a thread.
     *
     * @return the count
     */
    public int waiting() {
        return ready.size();
    }

    /**
     * Whether calls wait because every thread up to the cap is busy.
     *
     * @return {@code true} while the pool can add no thread for waiting calls
     */
    public boolean saturated() {
        return !ready.isEmpty() && idle.get() == 0 && threads() >= maxThreads;
    }

    /** Stops the tick and the threads; a thread stuck in a handler ends when the handler returns. */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        workers.forEach(worker -> worker.thread.interrupt());
    }

    private void startThreadIfAllowed() {
        Worker worker;
        synchronized (this) {
            if (closed || threads >= Math.min(maxThreads, coreThreads + blocked.get())) {
                return;
            }
            threads++;
            worker = new Worker("switchboard-handler-" + ++started);
            workers.add(worker);
        }
        try {
            worker.thread.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            // The OS refused a thread: the calls wait for the threads there are, and the next tick tries again.
            ended(worker);
            startFailures.log("Could not start a handler thread (" + threads() + " running): " + e);
        }
    }

    // A thread without work for a while ends, unless it is one of the core threads.
    private synchronized boolean retire(Worker worker) {
        if (threads > coreThreads && ready.isEmpty()) {
            threads--;
            workers.remove(worker);
            return true;
        }
        return false;
    }

    private synchronized void ended(Worker worker) {
        if (workers.remove(worker)) {
            threads--;
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (Worker worker : workers) {
                HandlerWork running = worker.running;
                long since = worker.runSince;
                if (running == null || since == 0) {
                    continue;
                }
                if (now - since > BLOCKED_AFTER.toNanos() && worker.blocked.compareAndSet(false, true)) {
                    blocked.incrementAndGet();
                }
                running.watch(now, worker.thread, watchdog);
            }
            if (!ready.isEmpty() && idle.get() == 0) {
                startThreadIfAllowed();
            }
        } catch (RuntimeException e) {
            // The tick must go on: it is what rescues waiting calls.
            LOGGER.log(System.Logger.Level.WARNING, "Handler thread tick failed: " + e);
        }
    }

    private final class Worker implements Runnable {

        private final Thread thread;
        private final AtomicBoolean blocked = new AtomicBoolean();
        private volatile HandlerWork running;
        private volatile long runSince;

        private Worker(String name) {
            this.thread = new HandlerThread(name, this);
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    HandlerWork work = next();
                    if (work == null) {
                        if (retire(this)) {
                            return;
                        }
                        continue;
                    }
                    running = work;
                    runSince = System.nanoTime();
                    try {
                        work.run();
                    } finally {
                        runSince = 0;
                        running = null;
                        if (blocked.getAndSet(false)) {
                            HandlerThreads.this.blocked.decrementAndGet();
                        }
                        // An interrupt a handler left behind must not reach the next session's calls.
                        Thread.interrupted();
                    }
                }
            } finally {
                ended(this);
            }
        }

        private HandlerWork next() {
            idle.incrementAndGet();
            try {
                return ready.poll(IDLE_RETIREMENT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return null;
            } finally {
                idle.decrementAndGet();
            }
        }
    }
}
