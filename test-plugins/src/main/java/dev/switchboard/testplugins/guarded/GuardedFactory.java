package dev.switchboard.testplugins.guarded;

import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code guarded}: judges a handshake by its {@code ?token=}.
 * <ul>
 *     <li>{@code alice-token}, {@code bob-token}: accepted with a user as the session's attachment;</li>
 *     <li>{@code anonymous}: accepted without one;</li>
 *     <li>{@code expired}: refused with 403 and the reason of option {@code expired-reason} (default
 *     {@code token expired});</li>
 *     <li>{@code busy}: refused with 503, no reason, and {@code Retry-After: 120};</li>
 *     <li>{@code odd}: refused with 499 "an odd status";</li>
 *     <li>anything else, or none: refused with 401, a {@code WWW-Authenticate} challenge and a reason.</li>
 * </ul>
 * A session is greeted with {@code hello user <name>} or {@code hello anonymous}; it is answered {@code stats} with
 * {@code accept=<calls> open=<calls> loader=<bool>} (whether every accept ran with the plugin's class loader as context
 * class loader), anything else with {@code echo:<text>}.
 */
public final class GuardedFactory extends TestProtocolFactory {

    public GuardedFactory() {
        super("guarded", context -> {
            return new Guard(context.config().string("expired-reason", "token expired"));
        });
    }

    private static final class Guard implements Protocol {

        private final String expiredReason;
        private final AtomicInteger accepts = new AtomicInteger();
        private final AtomicInteger opens = new AtomicInteger();
        private volatile boolean ownLoader = true;

        private Guard(String expiredReason) {
            this.expiredReason = expiredReason;
        }

        @Override
        public HandshakeDecision accept(Handshake handshake) {
            accepts.incrementAndGet();
            if (Thread.currentThread().getContextClassLoader() != Guard.class.getClassLoader()) {
                ownLoader = false;
            }
            return switch (handshake.queryParam("token").orElse("")) {
                case "alice-token" -> HandshakeDecision.accept(new User("alice"));
                case "bob-token" -> HandshakeDecision.accept(new User("bob"));
                case "anonymous" -> HandshakeDecision.accept();
                // A session id the protocol makes up, for the client to read from the 101.
                case "carol-token" -> HandshakeDecision.accept(new User("carol"))
                        .withHeader("Set-Cookie", "sid=carol-" + handshake.remoteAddress().getPort()
                                + "; HttpOnly; SameSite=Strict")
                        .addHeader("Set-Cookie", "theme=dark")
                        .withHeader("X-Session-Id", "carol-" + handshake.remoteAddress().getPort());
                case "expired" -> HandshakeDecision.refuse(403, expiredReason);
                case "busy" -> HandshakeDecision.refuse(503, "").withHeader("Retry-After", "120");
                case "odd" -> HandshakeDecision.refuse(499, "an odd status");
                default -> HandshakeDecision.refuse(401, "missing or wrong token")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            };
        }

        @Override
        public MessageHandler open(Session session) {
            opens.incrementAndGet();
            session.send("hello " + session.attachment()
                    .map(a -> a instanceof User user ? "user " + user.name() : "other " + a)
                    .orElse("anonymous"));
            return new MessageHandler() {
                @Override
                public void onText(String text) {
                    session.send(text.equals("stats")
                                         ? "accept=" + accepts.get() + " open=" + opens.get() + " loader=" + ownLoader
                                         : "echo:" + text);
                }
            };
        }
    }

    private record User(String name) {
    }
}
