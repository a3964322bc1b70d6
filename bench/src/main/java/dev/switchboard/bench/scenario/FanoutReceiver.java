package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientListener;

/**
 * A receiver of the {@code fanout} scenarios: checks that it gets every record, once, in order, and times those read
 * in the measured window. A slow one reads no faster than its rate until the run is over, when it reads freely, so
 * that what the server still holds for it arrives, and a close the server sent behind that backlog with it.
 */
final class FanoutReceiver extends FanoutRecords.Reader implements ClientListener {

    // One per event loop, of this receiver's kind (fast or slow), at the loop's index.
    private final FanoutTally[] tallies;
    private final Window[] measured;
    private final AtomicInteger synced;
    private final boolean slow;
    private long readRate;
    private boolean sawSync;
    private long expected = 1;
    private long deliveredInWindow;
    private boolean stopping;
    private FanoutTally tally;

    /**
     * @param size     record size in bytes
     * @param tallies  per-loop tallies of its kind
     * @param measured the measured window, set on every loop when known
     * @param synced   receivers that have seen a sync record
     * @param readRate bytes read a second at most, 0 for a fast receiver
     */
    FanoutReceiver(int size, FanoutTally[] tallies, Window[] measured, AtomicInteger synced, long readRate) {
        super(size);
        this.tallies = tallies;
        this.measured = measured;
        this.synced = synced;
        this.slow = readRate > 0;
        this.readRate = readRate;
    }

    @Override
    public void onOpen(ClientConnection connection, long nanos) {
        tally = tallies[connection.loop().index()];
    }

    @Override
    public long readBytesPerSecond() {
        return readRate;
    }

    @Override
    public void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer, int offset,
                       int length, long nanos) {
        data(buffer, offset, length, nanos);
    }

    @Override
    void record(long seq, long sentNanos, long nanos) {
        if (seq == 0) {
            if (!sawSync) {
                sawSync = true;
                synced.incrementAndGet();
            }
            return;
        }
        if (seq == expected) {
            expected++;
        } else if (seq > expected) {
            tally.lost += seq - expected;
            expected = seq + 1;
        } else {
            tally.reordered++;
        }
        if (measured[0].contains(nanos)) {
            tally.deliveries++;
            deliveredInWindow++;
            tally.latency.recordValue(Math.max(0, nanos - sentNanos));
        }
    }

    // Records up to the last one sent that this receiver has not had yet.
    long missing(long last) {
        return Math.max(0, last - (expected - 1));
    }

    // The window is over: from now on it reads as fast as data comes.
    void readFreely() {
        readRate = 0;
    }

    // The run is over and this receiver still open: what it missed is lost, and what it alone knows goes to the tally.
    void finish(long last) {
        stopping = true;
        tally.lost += missing(last);
        count();
        if (slow) {
            tally.ends.stillOpen();
        }
    }

    @Override
    public void onClose(ClientConnection connection, int code, String reason) {
        if (stopping || tally == null) {
            return;
        }
        count();
        if (slow) {
            tally.ends.ended(code, reason);
        } else {
            tally.closes.record(code, reason);
        }
    }

    private void count() {
        tally.malformed += malformed;
        tally.mostDeliveries = Math.max(tally.mostDeliveries, deliveredInWindow);
    }
}
