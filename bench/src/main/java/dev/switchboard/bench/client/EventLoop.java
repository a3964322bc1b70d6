package dev.switchboard.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One thread, one epoll selector, many connections: the unit of the load generator.
 *
 * <p>Each round runs due timers and submitted tasks, selects (up to the next timer), hands ready keys to their
 * connections, then writes every connection that queued frames during the round: sends are batched per round, one
 * write per connection. With coalescing on, the loop then pauses briefly before the next select, so that frames pile
 * up and one read takes several: most of a receiving generator's time is the kernel's read path, paid per read, not
 * per frame. Everything a connection or a scenario does on a loop happens on this thread, so per-loop
 * statistics need no synchronization; other threads talk to a loop with {@link #execute} and {@link #call}.
 */
public final class EventLoop implements AutoCloseable {

    // Large enough that a read drains a socket's backlog of small frames in one system call.
    private static final int READ_BUFFER = 256 * 1024;

    private final int index;
    private final long coalesceNanos;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final Handshake handshake;
    private final Traffic traffic = new Traffic();
    private final DeflateScratch deflateScratch = new DeflateScratch();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<ClientConnection> dirty = new ArrayList<>();
    private final Set<ClientConnection> connections = new HashSet<>();
    private volatile boolean running = true;
    private long timerSequence;

    private record Timer(long dueNanos, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos - other.dueNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    EventLoop(int index, long coalesceNanos) {
        this.index = index;
        this.coalesceNanos = coalesceNanos;
        this.handshake = new Handshake(System.nanoTime() ^ ((long) index << 32));
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, "bench-loop-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The loop's number, 0 to threads - 1: scenarios keep per-loop statistics in arrays indexed by it.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * Runs a task on the loop's thread, soon.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /**
     * Runs a task on the loop's thread at a given time. Only from the loop's thread.
     *
     * @param dueNanos {@link System#nanoTime()} to run at
     * @param task     the task
     */
    public void schedule(long dueNanos, Runnable task) {
        timers.add(new Timer(dueNanos, timerSequence++, task));
    }

    /**
     * Runs a computation on the loop's thread and waits for its result: how a scenario reads per-loop statistics.
     *
     * @param computation the computation
     * @param <T>         its result type
     * @return the result
     */
    public <T> T call(Supplier<T> computation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(computation.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for loop " + index, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("task failed on loop " + index, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("loop " + index + " did not answer within 30 s", e);
        }
    }

    /**
     * How many connections live on this loop. Only from the loop's thread.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * A copy of the loop's live connections. Only from the loop's thread.
     *
     * @return the connections
     */
    public List<ClientConnection> connections() {
        return new ArrayList<>(connections);
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    Handshake handshake() {
        return handshake;
    }

    /**
     * Bytes on the wire and of messages for this loop's connections. Only from the loop's thread (copy it with
     * {@link #call}).
     *
     * @return the counters
     */
    Traffic traffic() {
        return traffic;
    }

    /**
     * The counts so far, after writing what connections queued this round: a message counted as sent then has its
     * bytes on the wire counted too, so a window's counts do not depend on where in a round it was cut. Only from the
     * loop's thread ({@link #call} it).
     *
     * @return the counts
     */
    public Traffic.Counts trafficCounts() {
        flushDirty();
        return traffic.counts();
    }

    DeflateScratch deflateScratch() {
        return deflateScratch;
    }

    void dirty(ClientConnection connection) {
        dirty.add(connection);
    }

    void opened(ClientConnection connection) {
        connections.add(connection);
    }

    void forget(ClientConnection connection) {
        connections.remove(connection);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        execute(() -> {
            for (ClientConnection connection : new ArrayList<>(connections)) {
                connection.abort();
            }
            deflateScratch.end();
            running = false;
        });
        try {
            thread.join(5000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // Closing.
        }
    }

    private void run() {
        while (running) {
            try {
                long now = System.nanoTime();
                runTimers(now);
                runTasks();
                flushDirty();
                if (!running) {
                    break;
                }
                if (!tasks.isEmpty()) {
                    selector.selectNow(this::ready);
                } else if (timers.isEmpty()) {
                    selector.select(this::ready);
                } else {
                    long waitNanos = timers.peek().dueNanos() - System.nanoTime();
                    if (waitNanos <= 0) {
                        selector.selectNow(this::ready);
                    } else {
                        selector.select(this::ready, Math.max(1, (waitNanos + 999_999) / 1_000_000));
                    }
                }
                flushDirty();
                if (coalesceNanos > 0) {
                    LockSupport.parkNanos(coalesceNanos);
                }
            } catch (IOException | RuntimeException e) {
                // A scenario bug must not kill the loop silently: say it, and go on.
                System.err.println("bench: loop " + index + ": " + e);
                e.printStackTrace(System.err);
            }
        }
    }

    private void ready(SelectionKey key) {
        if (key.isValid()) {
            ((ClientConnection) key.attachment()).ready(key.readyOps());
        }
    }

    private void runTimers(long now) {
        Timer timer;
        while ((timer = timers.peek()) != null && timer.dueNanos() - now <= 0) {
            timers.poll();
            timer.task().run();
        }
    }

    private void runTasks() {
        Runnable task;
        // Only the tasks present now: a task that submits another must not starve the selector.
        for (int n = tasks.size(); n > 0 && (task = tasks.poll()) != null; n--) {
            task.run();
        }
    }

    private void flushDirty() {
        // Indexed: a flush may end a connection, which never adds to this list.
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }
}
