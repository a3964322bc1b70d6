package dev.switchboard.bench.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The load generator's I/O: a fixed set of {@link EventLoop}s over JDK NIO (epoll on Linux), connections spread over
 * them round-robin.
 *
 * <p>A connection's source address can be spread over several loopback addresses (127.0.0.1, 127.0.0.2, ...), so
 * that tens of thousands of connections to one server port do not run out of ephemeral ports.
 */
public final class ClientEngine implements AutoCloseable {

    private final EventLoop[] loops;
    private final InetAddress[] sources;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger seeds = new AtomicInteger((int) System.nanoTime());
    private final DeflateOffer deflate;

    private ClientEngine(int threads, int sourceAddresses, long coalesceNanos, DeflateOffer deflate) {
        this.deflate = deflate;
        loops = new EventLoop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new EventLoop(i, coalesceNanos);
        }
        sources = new InetAddress[sourceAddresses];
        try {
            for (int i = 0; i < sourceAddresses; i++) {
                sources[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the loops.
     *
     * @param threads         how many event loops (threads)
     * @param sourceAddresses 0 to let the kernel pick the source address, else how many loopback addresses
     *                        (127.0.0.1 to 127.0.0.n) to bind connections to, in turn; only for loopback servers
     * @param coalesceNanos   pause after each loop round, so that one read takes several frames; 0 for none
     * @return the engine
     */
    public static ClientEngine start(int threads, int sourceAddresses, long coalesceNanos) {
        return start(threads, sourceAddresses, coalesceNanos, DeflateOffer.OFF);
    }

    /**
     * Starts the loops; every connection offers permessage-deflate as given.
     *
     * @param threads         how many event loops (threads)
     * @param sourceAddresses as for {@link #start(int, int, long)}
     * @param coalesceNanos   as for {@link #start(int, int, long)}
     * @param deflate         what every connection offers of permessage-deflate
     * @return the engine
     */
    public static ClientEngine start(int threads, int sourceAddresses, long coalesceNanos, DeflateOffer deflate) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        return new ClientEngine(threads, Math.max(0, sourceAddresses), Math.max(0, coalesceNanos), deflate);
    }

    /**
     * What connections offer of permessage-deflate.
     *
     * @return the offer
     */
    public DeflateOffer deflate() {
        return deflate;
    }

    /**
     * The loops.
     *
     * @return the loops, by index
     */
    public List<EventLoop> loops() {
        return List.of(loops);
    }

    /**
     * Opens a connection on the next loop. Returns at once; the listener hears of the outcome.
     *
     * @param url      the server
     * @param protocol the subprotocol to offer, or {@code null} for none
     * @param listener the connection's listener
     * @param outcome  told whether the handshake succeeded, or {@code null}
     */
    public void connect(WsUrl url, String protocol, ClientListener listener, ConnectOutcome outcome) {
        int n = next.getAndIncrement() & Integer.MAX_VALUE;
        EventLoop loop = loops[n % loops.length];
        InetAddress source = sources.length == 0 || !url.isLoopback() ? null : sources[n % sources.length];
        ClientConnection connection = new ClientConnection(loop, url, protocol, deflate, listener, source, outcome,
                                                           seeds.addAndGet(0x61C88647));
        loop.execute(() -> {
            loop.opened(connection);
            connection.connect();
        });
    }

    /**
     * Runs a task on every loop's thread and waits for all of them.
     *
     * @param task the task, given the loop
     */
    public void onEveryLoop(Consumer<EventLoop> task) {
        for (EventLoop loop : loops) {
            loop.call(() -> {
                task.accept(loop);
                return null;
            });
        }
    }

    @Override
    public void close() {
        for (EventLoop loop : loops) {
            loop.close();
        }
    }
}
