package dev.switchboard.testplugins.reserving;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code reserving}: reserves in {@code accept} (a ticket, attached to the handshake) and releases in
 * {@code abandoned} and in a session's {@code onClose}, counting each. Query parameters of the handshake:
 * {@code slow} judges for 300 ms before accepting; {@code hold=P} judges until system property {@code P} is
 * {@code true} (30 s at most); {@code boom} makes {@code abandoned} throw
 * {@code IllegalStateException("abandoned boom")} after it released; {@code probe} is a session that is not counted
 * and answers any text with {@code reserved=N accepts=N opens=N abandons=N closes=N promised=B}, where
 * {@code promised} says whether every {@code abandoned} call had its ticket, the plugin's class loader as context
 * loader and a handler thread. No options.
 */
public final class ReservingFactory extends TestProtocolFactory {

    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(30);

    public ReservingFactory() {
        super("reserving", context -> {
            return new Reserving();
        });
    }

    private record Ticket(int number) {
    }

    private static final class Reserving implements Protocol {

        // Counted under one lock so that the probe reads them as one state: reserved is always
        // accepts - abandons - closes, and a probe never sees an accept whose reservation is not yet counted.
        private int reserved;
        private int accepts;
        private int opens;
        private int abandons;
        private int closes;
        private volatile boolean abandonedAsPromised = true;

        @Override
        public HandshakeDecision accept(Handshake handshake) {
            if (handshake.queryParam("probe").isPresent()) {
                return HandshakeDecision.accept();
            }
            if (handshake.queryParam("slow").isPresent()) {
                pause(SLOW_NANOS, null);
            }
            handshake.queryParam("hold").ifPresent(property -> pause(HOLD_NANOS, property));
            synchronized (this) {
                accepts++;
                return HandshakeDecision.accept(new Ticket(++reserved));
            }
        }

        @Override
        public void abandoned(Handshake handshake, Optional<Object> attachment) {
            Thread thread = Thread.currentThread();
            if (!(attachment.orElse(null) instanceof Ticket)
                    || thread.getContextClassLoader() != ReservingFactory.class.getClassLoader()
                    || !thread.getName().startsWith("switchboard-handler-")) {
                abandonedAsPromised = false;
            }
            synchronized (this) {
                abandons++;
                reserved--;
            }
            if (handshake.queryParam("boom").isPresent()) {
                throw new IllegalStateException("abandoned boom");
            }
        }

        @Override
        public MessageHandler open(Session session) {
            // Only the probe's handshake was accepted without a ticket.
            if (session.attachment().isEmpty()) {
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        session.send(counts());
                    }
                };
            }
            synchronized (this) {
                opens++;
            }
            return new MessageHandler() {
                @Override
                public void onClose(CloseStatus status) {
                    synchronized (Reserving.this) {
                        closes++;
                        reserved--;
                    }
                }
            };
        }

        private synchronized String counts() {
            return "reserved=" + reserved + " accepts=" + accepts + " opens=" + opens + " abandons=" + abandons
                    + " closes=" + closes + " promised=" + abandonedAsPromised;
        }

        // Sleeps for the given time, or until the named system property is true if one is named.
        private static void pause(long nanos, String releaseProperty) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end && (releaseProperty == null || !Boolean.getBoolean(releaseProperty))) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
