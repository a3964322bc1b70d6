package dev.switchboard.bench.scenario;

import dev.switchboard.bench.report.Metrics;

import org.HdrHistogram.Histogram;

/**
 * What one kind of fan-out receiver (every receiver, or the fast or the slow ones) got on one event loop, or summed
 * over the loops: records delivered in the measured window and their latency, records lost, reordered or malformed,
 * and the receivers that ended before the run did. Touched on its loop's thread only, then added up for the report.
 */
final class FanoutTally {

    final Histogram latency = new Histogram(3);
    long deliveries;
    long lost;
    long reordered;
    long malformed;
    // The most records one receiver got in the window: the fastest of the slow ones shows that none read over its rate.
    long mostDeliveries;
    final UnexpectedCloses closes = new UnexpectedCloses();
    final ReceiverEnds ends = new ReceiverEnds();

    void add(FanoutTally other) {
        latency.add(other.latency);
        deliveries += other.deliveries;
        lost += other.lost;
        reordered += other.reordered;
        malformed += other.malformed;
        mostDeliveries = Math.max(mostDeliveries, other.mostDeliveries);
        closes.add(other.closes);
        ends.add(other.ends);
    }

    /**
     * Adds deliveries/s, latency, lost and reordered.
     *
     * @param key     the keys' prefix ({@code fast_})
     * @param label   the labels' prefix ({@code fast: })
     * @param seconds the measured window
     */
    void addTo(Metrics metrics, String key, String label, double seconds) {
        metrics.add(key + "deliveries_per_s", label + "deliveries/s", deliveries / seconds, 0)
                .addLatency(key + "latency", label + "latency", latency)
                .add(key + "lost", label + "lost", lost, 0)
                .add(key + "reordered", label + "reordered", reordered, 0);
    }
}
