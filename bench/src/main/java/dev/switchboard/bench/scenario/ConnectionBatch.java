package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.switchboard.bench.client.ClientConnection;
import dev.switchboard.bench.client.ClientEngine;
import dev.switchboard.bench.client.ClientListener;
import dev.switchboard.bench.client.ConnectOutcome;
import dev.switchboard.bench.client.EventLoop;
import dev.switchboard.bench.client.WsUrl;

import org.HdrHistogram.Histogram;

/**
 * Opens a batch of connections of a run at a bounded pace: a connection is started only while fewer than
 * {@code concurrency} handshakes are in progress, so that the server sees a steady stream rather than a SYN flood.
 *
 * @param engine      the run's client engine
 * @param protocol    the subprotocol to offer
 * @param concurrency handshakes in progress at once
 */
record ConnectionBatch(ClientEngine engine, String protocol, int concurrency) {

    // What Run.open does: a handshake still in progress at the timeout is reset and counts as failed.
    Opened open(int count, WsUrl target, Supplier<ClientListener> listeners, Duration timeout)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Histogram[] handshakes = new Histogram[engine.loops().size()];
        for (int i = 0; i < handshakes.length; i++) {
            handshakes[i] = new Histogram(3);
        }
        ConnectOutcome outcome = new ConnectOutcome() {
            @Override
            public void opened(ClientConnection connection) {
                handshakes[connection.loop().index()].recordValue(
                        connection.openNanos() - connection.connectStartNanos());
                permits.release();
                done.countDown();
            }

            @Override
            public void failed(ClientConnection connection, String reason) {
                firstFailure.compareAndSet(null, reason);
                permits.release();
                done.countDown();
            }
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            engine.connect(target, protocol, listeners.get(), outcome);
        }
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long elapsed = System.nanoTime() - start;
        // Handshakes still in progress at the deadline count as failed: reset them, so none opens later and is
        // measured after all.
        engine.onEveryLoop(loop -> loop.connections().stream().filter(c -> c.openNanos() == 0)
                .forEach(ClientConnection::abort));
        Histogram all = new Histogram(3);
        for (EventLoop loop : engine.loops()) {
            // Read on the loop's thread: its histogram is only ever touched there.
            Histogram h = loop.call(() -> handshakes[loop.index()].copy());
            all.add(h);
        }
        int opened = (int) all.getTotalCount();
        int failures = count - opened;
        String reason = firstFailure.get();
        if (reason == null && failures > 0) {
            reason = "no answer within " + timeout.toSeconds() + " s";
        }
        return new Opened(opened, failures, reason, elapsed, all);
    }
}
