package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientEngine;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.EventLoop;
import dev.switchboard.bench.client.Traffic;
import dev.switchboard.bench.client.WsUrl;
import dev.switchboard.bench.system.CpuWindow;

/**
 * One run of a scenario: its client engine, the server, the timing, and the helpers every scenario needs (open many
 * connections at a bounded pace, measure a window, close everything).
 */
public final class Run {

    private final ClientEngine engine;
    private final WsUrl url;
    private final List<WsUrl> urls;
    private final String protocol;
    private final long serverPid;
    private final List<Long> serverPids;
    private final long redisPid;
    private final Duration warmup;
    private final Duration duration;
    private final int concurrency;
    private Traffic.Counts traffic = Traffic.Counts.ZERO;

    /**
     * Creates a run.
     *
     * @param engine      the client engine, fresh for this run
     * @param url         the server
     * @param protocol    the subprotocol to offer
     * @param serverPid   the server's process id, or -1 if unknown (no server CPU or memory then)
     * @param warmup      traffic before measuring
     * @param duration    the measured time
     * @param concurrency handshakes in progress at once while connecting
     */
    public Run(ClientEngine engine, WsUrl url, String protocol, long serverPid, Duration warmup, Duration duration,
               int concurrency) {
        this(engine, List.of(url), protocol, List.of(serverPid), -1, warmup, duration, concurrency);
    }

    /**
     * Creates a run against the nodes of a cluster sharing one Redis server.
     *
     * @param engine      the client engine, fresh for this run
     * @param urls        the nodes, the first of them the one {@link #url()} gives
     * @param protocol    the subprotocol to offer
     * @param serverPids  the nodes' process ids, in the same order (-1 if unknown)
     * @param redisPid    the Redis server's process id, or -1 for a single node
     * @param warmup      traffic before measuring
     * @param duration    the measured time
     * @param concurrency handshakes in progress at once while connecting
     */
    public Run(ClientEngine engine, List<WsUrl> urls, String protocol, List<Long> serverPids, long redisPid,
               Duration warmup, Duration duration, int concurrency) {
        this.engine = engine;
        this.url = urls.getFirst();
        this.urls = List.copyOf(urls);
        this.protocol = protocol;
        this.serverPid = serverPids.getFirst();
        this.serverPids = List.copyOf(serverPids);
        this.redisPid = redisPid;
        this.warmup = warmup;
        this.duration = duration;
        this.concurrency = concurrency;
    }

    /**
     * The engine.
     *
     * @return the client engine
     */
    public ClientEngine engine() {
        return engine;
    }

    /**
     * The server.
     *
     * @return its URL
     */
    public WsUrl url() {
        return url;
    }

    /**
     * Every node of the server: one URL for a single node.
     *
     * @return the URLs
     */
    public List<WsUrl> urls() {
        return urls;
    }

    /**
     * The Redis server a cluster's nodes share.
     *
     * @return its process id, or -1 for a single node
     */
    public long redisPid() {
        return redisPid;
    }

    /**
     * The subprotocol offered.
     *
     * @return the protocol
     */
    public String protocol() {
        return protocol;
    }

    /**
     * The server's process.
     *
     * @return its id, or -1
     */
    public long serverPid() {
        return serverPid;
    }

    /**
     * The warm-up.
     *
     * @return how long traffic runs before measuring
     */
    public Duration warmup() {
        return warmup;
    }

    /**
     * The measured time.
     *
     * @return the duration
     */
    public Duration duration() {
        return duration;
    }

    /**
     * One new object per event loop, at the loop's {@link EventLoop#index()}: state that only that loop's thread
     * touches, so it needs no lock.
     *
     * @param array creates the array, of the length given
     * @param each  creates one loop's object
     * @param <T>   the object's type
     * @return the objects
     */
    public <T> T[] perLoop(IntFunction<T[]> array, Supplier<T> each) {
        T[] all = array.apply(engine.loops().size());
        Arrays.setAll(all, index -> each.get());
        return all;
    }

    /**
     * The measured window of a run whose traffic starts now: warm-up first.
     *
     * @return the window
     */
    public Window windowFromNow() {
        long start = System.nanoTime() + warmup.toNanos();
        return new Window(start, start + duration.toNanos());
    }

    /**
     * Sleeps through a window, measuring CPU use inside it.
     *
     * @param window the window
     * @return CPU use during the window
     * @throws InterruptedException if interrupted
     */
    public CpuWindow await(Window window) throws InterruptedException {
        sleepUntil(window.startNanos());
        Traffic.Counts before = traffic();
        CpuWindow.Mark mark = CpuWindow.start(serverPids, redisPid);
        sleepUntil(window.endNanos());
        CpuWindow cpu = mark.end();
        traffic = traffic().minus(before);
        return cpu;
    }

    /**
     * Bytes on the wire and of messages during the last window {@link #await} slept through.
     *
     * @return the counts, zero before any window
     */
    public Traffic.Counts windowTraffic() {
        return traffic;
    }

    /**
     * Bytes on the wire and of messages so far, on every loop.
     *
     * @return the sum
     */
    public Traffic.Counts traffic() {
        Traffic.Counts sum = Traffic.Counts.ZERO;
        for (EventLoop loop : engine.loops()) {
            sum = sum.plus(loop.call(loop::trafficCounts));
        }
        return sum;
    }

    /**
     * Opens connections, at most {@code --concurrency} handshakes at a time, and waits for all outcomes.
     *
     * @param count     how many
     * @param target    the URL to connect to (the run's URL, or with another query)
     * @param listeners a new listener for each connection
     * @param timeout   the longest wait for all outcomes
     * @return the outcome
     * @throws InterruptedException if interrupted
     */
    public Opened open(int count, WsUrl target, Supplier<ClientListener> listeners, Duration timeout)
            throws InterruptedException {
        return new ConnectionBatch(engine, protocol, concurrency).open(count, target, listeners, timeout);
    }

    /**
     * Opens connections and fails the run unless all of them open.
     *
     * @param count     how many
     * @param target    the URL
     * @param listeners a new listener for each connection
     * @return the outcome
     * @throws Exception if any connection failed
     */
    public Opened openAll(int count, WsUrl target, Supplier<ClientListener> listeners) throws Exception {
        Opened opened = open(count, target, listeners, connectTimeout(count));
        if (opened.failed() > 0) {
            throw new IllegalStateException(opened.failed() + " of " + count + " connections to " + target
                                                    + " failed; first: " + opened.firstFailure());
        }
        return opened;
    }

    /**
     * How long opening a batch of connections may take: generous for a server that takes a few hundred a second,
     * short enough that one that stopped answering does not hold a run for minutes.
     *
     * @param count connections in the batch
     * @return the timeout
     */
    public static Duration connectTimeout(int count) {
        return Duration.ofSeconds(30 + count / 1000);
    }

    /**
     * Closes every connection with a closing handshake, waits for the server's answers up to the timeout, then resets
     * whatever is left.
     *
     * @param timeout the longest wait for the closing handshakes
     * @throws InterruptedException if interrupted
     */
    public void closeAll(Duration timeout) throws InterruptedException {
        engine.onEveryLoop(loop -> loop.connections().forEach(c -> c.close(1000)));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && live() > 0) {
            Thread.sleep(20);
        }
        engine.onEveryLoop(loop -> loop.connections().forEach(ClientConnection::abort));
    }

    /**
     * Connections still alive, on every loop.
     *
     * @return the count
     */
    public int live() {
        int live = 0;
        for (EventLoop loop : engine.loops()) {
            live += loop.call(loop::connectionCount);
        }
        return live;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
