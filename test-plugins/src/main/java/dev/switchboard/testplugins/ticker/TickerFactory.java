package dev.switchboard.testplugins.ticker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code ticker}: sends each session {@code tick <n>} every 20 ms from a timer task of its own, cancelled
 * when the session closes. With {@code ?fail=exception} or {@code ?fail=error} in the handshake's query, the task's
 * first run throws an exception or an error instead of ticking. Packed in {@code faulty-protocols.jar}.
 */
public final class TickerFactory extends TestProtocolFactory {

    private static final Duration PERIOD = Duration.ofMillis(20);

    public TickerFactory() {
        super("ticker", context -> session -> {
            String failure = session.handshake().queryParam("fail").orElse("none");
            AtomicInteger runs = new AtomicInteger();
            ScheduledTask task = context.scheduleAtFixedRate(() -> {
                int run = runs.incrementAndGet();
                if (run == 1 && failure.equals("exception")) {
                    throw new IllegalStateException("first run fails");
                }
                if (run == 1 && failure.equals("error")) {
                    throw new AssertionError("first run fails");
                }
                session.send("tick " + run);
            }, Duration.ZERO, PERIOD);
            return new MessageHandler() {
                @Override
                public void onClose(CloseStatus status) {
                    task.cancel();
                }
            };
        });
    }
}
