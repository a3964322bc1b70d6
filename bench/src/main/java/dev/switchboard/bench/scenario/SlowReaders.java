package dev.switchboard.bench.scenario;

import java.util.OptionalLong;

import dev.switchboard.bench.report.Metrics;
import dev.switchboard.bench.system.Proc;

/**
 * {@code fanout --slow-readers K --read-rate R}: K of the N receivers, spread evenly among them, read no more than R
 * bytes a second, as clients on slow links do; the server's writes to them fill the kernel's buffers and TCP pushes
 * back on it. The report then splits the receivers: the fast ones (deliveries/s, latency, lost, reordered: slow
 * readers must not slow or stall them), the slow ones (the same, the record bytes each read a second, and how each
 * ended), and adds the server's resident memory at the start and the end of the measured window, which must stay
 * bounded.
 *
 * @param count          K, 0 for none (the plain {@code fanout} report)
 * @param receivers      N
 * @param bytesPerSecond R
 */
record SlowReaders(int count, int receivers, long bytesPerSecond) {

    boolean any() {
        return count > 0;
    }

    // Whether the receiver made i-th (from 0) is slow: those at which i * K / N steps up, K of N spread evenly.
    boolean isSlow(int i) {
        return (i + 1L) * count / receivers > (long) i * count / receivers;
    }

    String shown() {
        return count + " of " + receivers + ", each reading at most " + bytesPerSecond + " B/s";
    }

    /**
     * The server's resident memory now, when there are slow readers.
     *
     * @param pid the server's process, or -1
     * @return bytes, or empty when unknown or not wanted
     */
    OptionalLong serverRss(long pid) {
        return any() && pid > 0 ? Proc.rssBytes(pid) : OptionalLong.empty();
    }

    /**
     * Adds the fast and the slow receivers' numbers and the server's memory.
     *
     * @param fast     the fast receivers' tally
     * @param slow     the slow ones'
     * @param size     the record size in bytes
     * @param seconds  the measured window
     * @param rssStart the server's resident memory at its start
     * @param rssEnd   and at its end
     */
    void addTo(Metrics metrics, FanoutTally fast, FanoutTally slow, int size, double seconds, OptionalLong rssStart,
               OptionalLong rssEnd) {
        fast.addTo(metrics, "fast_", "fast: ", seconds);
        slow.addTo(metrics, "slow_", "slow: ", seconds);
        metrics.add("slow_bytes_per_s", "slow: bytes/s each (mean)", slow.deliveries * size / seconds / count, 0)
                .add("slow_bytes_per_s_max", "slow: bytes/s, fastest one", slow.mostDeliveries * size / seconds, 0);
        slow.ends.addTo(metrics);
        metrics.add("rss_start_mib", "server RSS at start (MiB)", mib(rssStart), 1)
                .add("rss_end_mib", "server RSS at end (MiB)", mib(rssEnd), 1);
        if (slow.lost > 0 || slow.reordered > 0) {
            metrics.note("the slow receivers lost " + slow.lost + " records and got " + slow.reordered
                    + " out of order or twice");
        }
    }

    private static double mib(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() / (1024.0 * 1024) : Double.NaN;
    }
}
