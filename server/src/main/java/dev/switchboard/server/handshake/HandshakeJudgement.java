package dev.switchboard.server.handshake;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.server.connection.HandlerThreads;
import dev.switchboard.server.connection.HandlerWatchdog;

/**
 * A protocol's {@code accept}, run on a {@link HandlerThreads} thread as every other call into a protocol is: the
 * handshake's own thread, a virtual one, waits for the decision parked, so an {@code accept} that spins holds no
 * carrier. One that takes longer than the protocol's {@code handler-timeout} refuses the handshake with 503, and the
 * watchdog reports and counts it as a stall. If it then accepts after all, the protocol hears that the handshake was
 * abandoned: the handshake's thread and the protocol's race to settle the decision, and exactly one of them wins.
 */
final class HandshakeJudgement extends HandshakeCall {

    // Settled once: by the protocol's decision, or by the refusal of a handshake that stopped waiting for it.
    private final CompletableFuture<HandshakeDecision> decision = new CompletableFuture<>();

    private HandshakeJudgement(ProtocolHandshake handshake) {
        super(handshake);
    }

    /**
     * Asks the protocol to judge a handshake and waits, at most its handler timeout, for the answer.
     *
     * @param handshake the handshake and its protocol
     * @return the protocol's decision, or a 503 refusal if it took too long
     */
    static HandshakeDecision judge(ProtocolHandshake handshake) {
        HandshakeJudgement judgement = new HandshakeJudgement(handshake);
        handshake.threads().execute(judgement);
        Duration timeout = handshake.timeout();
        try {
            return judgement.decision.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return judgement.stopWaiting(HandshakeDecision.refuse(
                    503, "Protocol " + handshake.runtime().name() + " did not judge the handshake within "
                            + HandlerWatchdog.millis(timeout)));
        } catch (InterruptedException e) {
            // The server is stopping.
            Thread.currentThread().interrupt();
            return judgement.stopWaiting(HandshakeDecision.refuse(503, "The server is shutting down"));
        } catch (ExecutionException e) {
            return judgement.failed();
        }
    }

    @Override
    void call() {
        HandshakeDecision made;
        try {
            made = handshake.runtime().accept(handshake.request());
        } catch (Throwable e) {
            decision.completeExceptionally(e);
            return;
        }
        if (!decision.complete(made) && made.isAccepted()) {
            // The handshake was refused while the protocol judged it: whatever accept reserved must be released.
            HandshakeAbandonment.start(handshake, made.attachment());
        }
    }

    // Settles the decision with the refusal, unless the protocol's decision came first: that one stands then.
    private HandshakeDecision stopWaiting(HandshakeDecision refusal) {
        decision.complete(refusal);
        try {
            return decision.join();
        } catch (CompletionException e) {
            return failed();
        }
    }

    // ProtocolRuntime.accept turns every failure of the protocol into a refusal; this is for anything else.
    private HandshakeDecision failed() {
        return HandshakeDecision.refuse(500, "Protocol " + handshake.runtime().name()
                + " failed to judge the handshake");
    }

    @Override
    void stalled(HandlerWatchdog watchdog, Thread thread) {
        watchdog.acceptStalled(handshake.runtime(), handshake.request(), handshake.timeout(), thread);
    }
}
