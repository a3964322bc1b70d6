package dev.switchboard.server;

import java.util.Optional;

/**
 * How many carrier threads run the JVM's virtual threads, chosen before the first one starts.
 *
 * <p>On one CPU the JDK gives virtual threads one carrier, and its scheduler keeps taking tasks from the queue it
 * last took from for as long as that queue has any. A platform thread that starts writers faster than the core
 * writes them (a protocol timer sending to 10,000 clients) then keeps every other queue waiting: the readers woken by
 * the poller and the new connections of the accept thread wait for seconds, so pongs go unread (keepalive closes)
 * and handshakes unanswered. A second carrier time-shares the core and serves the other queues; measured with the
 * {@code stream} benchmark on one pinned CPU, 10,000 connections then all open and get their 20 messages a second,
 * where one carrier left ~2,700 unopened and closed up to ~2,400 more.
 */
final class CarrierThreads {

    /** The JDK's setting for the number of carriers. */
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private static final int MIN_CARRIERS = 2;

    private CarrierThreads() {
    }

    /**
     * The carrier count to set, if any: at least two, unless the user chose a count.
     *
     * @param cpus       the CPUs the JVM may use
     * @param configured the value of {@link #PARALLELISM}, or {@code null} when not set
     * @return the value to set, or empty to leave the JDK's default (one carrier per CPU) or the user's choice
     */
    static Optional<String> parallelism(int cpus, String configured) {
        if (configured != null || cpus >= MIN_CARRIERS) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(MIN_CARRIERS));
    }

    /** Sets the carrier count for this JVM; call before any virtual thread starts. */
    static void configure() {
        parallelism(Runtime.getRuntime().availableProcessors(), System.getProperty(PARALLELISM))
                .ifPresent(count -> System.setProperty(PARALLELISM, count));
    }
}
