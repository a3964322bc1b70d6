package dev.switchboard.testplugins.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.api.ConnectionInfo;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ServerConnections;
import dev.switchboard.api.Session;

/**
 * The {@code watch} protocol: two listeners on the server's connections view. The main one broadcasts a summary
 * ({@code change run=<n> count=<n> size=<n> thread=<name> tccl=<bool>}, then one tab-separated line per connection:
 * id, subprotocol, address, user agent, opened-at millis); the sentinel one broadcasts {@code sentinel main=<runs>
 * count=<n>}. A session is greeted with {@code me <id>} and may send {@code count}, {@code marker}, {@code hold} /
 * {@code release} (a timer task that waits up to 20 s), {@code cancel} (the main listener, twice),
 * {@code throw-next} (the main listener's next run throws) and {@code probe} (see {@link ConnectionsProbe}).
 */
final class Watcher implements Protocol {

    private final ProtocolContext context;
    private final ServerConnections view;
    private final AtomicInteger mainRuns = new AtomicInteger();
    private final ServerConnections.Subscription main;
    private volatile boolean throwNext;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    Watcher(ProtocolContext context) {
        this.context = context;
        this.view = context.serverConnections();
        this.main = view.onChange(this::onMain);
        view.onChange(this::onSentinel);
    }

    private void onMain() {
        int run = mainRuns.incrementAndGet();
        if (throwNext) {
            throwNext = false;
            throw new IllegalStateException("listener boom in run " + run);
        }
        List<ConnectionInfo> list = view.list();
        int count = view.count();
        StringBuilder summary = new StringBuilder("change run=" + run + " count=" + count
                + " size=" + list.size() + " thread=" + Thread.currentThread().getName()
                + " tccl=" + (Thread.currentThread().getContextClassLoader()
                              == Watcher.class.getClassLoader()));
        for (ConnectionInfo info : list) {
            summary.append('\n').append(info.id())
                    .append('\t').append(info.subprotocol())
                    .append('\t').append(info.remoteAddress().getAddress().getHostAddress())
                    .append(':').append(info.remoteAddress().getPort())
                    .append('\t').append(info.userAgent().orElse("-"))
                    .append('\t').append(info.openedAt().toEpochMilli());
        }
        context.broadcast(context.sessions(), summary.toString());
    }

    private void onSentinel() {
        context.broadcast(context.sessions(), "sentinel main=" + mainRuns.get() + " count=" + view.count());
    }

    @Override
    public MessageHandler open(Session session) {
        session.send("me " + session.id());
        return new MessageHandler() {
            @Override
            public void onText(String text) {
                switch (text) {
                    case "count" -> session.send("count " + view.count());
                    case "marker" -> context.schedule(
                            () -> session.send("marker main=" + mainRuns.get()), Duration.ZERO);
                    case "hold" -> {
                        CountDownLatch latch = new CountDownLatch(1);
                        hold = latch;
                        context.schedule(() -> {
                            session.send("holding");
                            try {
                                latch.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, Duration.ZERO);
                    }
                    case "release" -> hold.countDown();
                    // On the timer thread, so that no run of main is in progress meanwhile.
                    case "cancel" -> context.schedule(() -> {
                        main.cancel();
                        main.cancel();
                        session.send("cancelled main=" + mainRuns.get());
                    }, Duration.ZERO);
                    case "throw-next" -> {
                        throwNext = true;
                        session.send("armed");
                    }
                    case "probe" -> session.send(ConnectionsProbe.probe(view, context));
                    default -> session.send("unknown " + text);
                }
            }
        };
    }
}
