package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.EventLoop;
import dev.switchboard.server.frame.OpCode;

/**
 * The one sender of the {@code fanout} scenarios: syncs until every receiver has seen a record, then sends numbered,
 * timestamped records at a rate or flat out, keeping at most a window of them ahead of its own copies' return.
 */
final class FanoutSender extends FanoutRecords.Reader implements ClientListener {

    private final int rate;
    private final int window;
    private final int receivers;
    // One record unless --payload json; then the variants in turn, number and time written over their start.
    private final byte[][] records;
    private final AtomicLong finalSeq = new AtomicLong(-1);
    private ClientConnection connection;
    private Window measured;
    private long sent;
    private long ownLast;
    private long startNanos;
    private boolean running;
    private boolean syncing;
    private long sentInWindow;

    /**
     * @param size      record size in bytes
     * @param json      records of {@link JsonPayload} text rather than one plain record
     * @param rate      records a second, or 0 for flat out within the window
     * @param window    records in flight at most when flat out
     * @param receivers receivers to wait for while syncing
     */
    FanoutSender(int size, boolean json, int rate, int window, int receivers) {
        super(size);
        this.rate = rate;
        this.window = window;
        this.receivers = receivers;
        this.records = json ? JsonPayload.variants(size) : new byte[][] {FanoutRecords.template(size)};
    }

    // The loop the sender's connection runs on, once open.
    EventLoop loop() {
        return connection.loop();
    }

    // Records sent inside the measured window; on the sender's loop.
    long sentInWindow() {
        return sentInWindow;
    }

    // The last record sent, once stopped.
    long finalSeq() {
        return finalSeq.get();
    }

    @Override
    public void onOpen(ClientConnection c, long nanos) {
        connection = c;
    }

    @Override
    public void onData(ClientConnection c, int opCode, boolean fin, ByteBuffer buffer, int offset, int length,
                       long nanos) {
        data(buffer, offset, length, nanos);
    }

    @Override
    void record(long seq, long sentNanos, long nanos) {
        if (seq > ownLast) {
            ownLast = seq;
        }
        if (running && rate == 0) {
            topUp(nanos);
        }
    }

    // On the sender's loop.
    void sync(AtomicInteger synced) {
        syncing = true;
        tickSync(synced);
    }

    private void tickSync(AtomicInteger synced) {
        if (!syncing || synced.get() >= receivers) {
            return;
        }
        send(0, System.nanoTime());
        connection.loop().schedule(System.nanoTime() + 20_000_000L, () -> tickSync(synced));
    }

    void start(Window w) {
        syncing = false;
        measured = w;
        running = true;
        startNanos = System.nanoTime();
        if (rate == 0) {
            topUp(startNanos);
        } else {
            tick();
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        long due = (long) ((now - startNanos) * (rate / 1e9));
        // A server that stopped reading must not make the generator buffer without bound.
        while (sent < due && connection.unsentBytes() < 4 * 1024 * 1024) {
            send(sent + 1, now);
        }
        connection.loop().schedule(now + 1_000_000L, this::tick);
    }

    private void topUp(long now) {
        while (sent - ownLast < window) {
            send(sent + 1, now);
        }
    }

    private void send(long seq, long now) {
        byte[] record = records[(int) (seq % records.length)];
        FanoutRecords.write(record, seq, now);
        if (connection.send(OpCode.TEXT, record, 0, record.length) && seq > 0) {
            sent = seq;
            if (measured.contains(now)) {
                sentInWindow++;
            }
        }
    }

    void stop() {
        running = false;
        finalSeq.set(sent);
    }
}
