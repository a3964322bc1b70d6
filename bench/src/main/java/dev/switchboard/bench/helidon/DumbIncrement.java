package dev.switchboard.bench.helidon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.websocket.WsSession;

/**
 * {@code dumb-increment-protocol} for the raw Helidon server: one timer thread, the 50 ms interval cut into ten 5 ms
 * slots, each connection served once per interval in its slot (the design Switchboard's protocol uses, here with
 * Helidon's blocking {@code send}).
 */
final class DumbIncrement {

    private static final int SLOTS = 10;
    private static final long SLOT_MILLIS = 5;

    /** One connection's counter. */
    static final class Counter {
        private final WsSession session;
        private final int slot;
        private long next;

        Counter(WsSession session, int slot) {
            this.session = session;
            this.slot = slot;
        }

        synchronized void reset() {
            next = 0;
        }

        synchronized String take() {
            return Long.toString(next++);
        }
    }

    private final List<List<Counter>> slots = new java.util.ArrayList<>();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raw-helidon-dumb-increment");
        t.setDaemon(true);
        return t;
    });
    private int tick;

    DumbIncrement() {
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        timer.scheduleAtFixedRate(this::tick, SLOT_MILLIS, SLOT_MILLIS, TimeUnit.MILLISECONDS);
    }

    Counter add(WsSession session) {
        Counter counter = new Counter(session, Math.floorMod(nextSlot.getAndIncrement(), SLOTS));
        // The first number at once, as libwebsockets does.
        send(counter);
        slots.get(counter.slot).add(counter);
        return counter;
    }

    void remove(Counter counter) {
        slots.get(counter.slot).remove(counter);
    }

    void stop() {
        timer.shutdownNow();
    }

    private void tick() {
        List<Counter> slot = slots.get(tick);
        tick = (tick + 1) % SLOTS;
        for (Counter counter : slot) {
            send(counter);
        }
    }

    private void send(Counter counter) {
        try {
            counter.session.send(counter.take(), true);
        } catch (RuntimeException e) {
            // Helidon does not call onClose for a connection that just dropped: forget it here.
            remove(counter);
        }
    }
}
