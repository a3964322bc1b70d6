package dev.switchboard.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

/**
 * The numbers of one run of a scenario, in the order they are shown, and notes on anything odd.
 */
public final class Metrics {

    /**
     * One number.
     *
     * @param key      a stable name, for JSON and comparisons ({@code msgs_per_s})
     * @param label    what a reader sees ({@code round trips/s})
     * @param value    the value; {@code NaN} when it could not be measured
     * @param decimals digits shown after the point
     */
    public record Metric(String key, String label, double value, int decimals) {
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();

    /**
     * Adds a number.
     *
     * @param key      its key
     * @param label    its label
     * @param value    its value
     * @param decimals digits after the point
     * @return this
     */
    public Metrics add(String key, String label, double value, int decimals) {
        metrics.put(key, new Metric(key, label, value, decimals));
        return this;
    }

    /**
     * Adds p50, p90, p99, p99.9 and max of a histogram of nanoseconds, in milliseconds.
     *
     * @param prefix   key prefix ({@code rtt})
     * @param label    label prefix ({@code RTT})
     * @param nanos    the histogram
     * @return this
     */
    public Metrics addLatency(String prefix, String label, Histogram nanos) {
        boolean empty = nanos.getTotalCount() == 0;
        add(prefix + "_p50_ms", label + " p50 (ms)", empty ? Double.NaN : ms(nanos.getValueAtPercentile(50)), 3);
        add(prefix + "_p90_ms", label + " p90 (ms)", empty ? Double.NaN : ms(nanos.getValueAtPercentile(90)), 3);
        add(prefix + "_p99_ms", label + " p99 (ms)", empty ? Double.NaN : ms(nanos.getValueAtPercentile(99)), 3);
        add(prefix + "_p999_ms", label + " p99.9 (ms)", empty ? Double.NaN : ms(nanos.getValueAtPercentile(99.9)), 3);
        add(prefix + "_max_ms", label + " max (ms)", empty ? Double.NaN : ms(nanos.getMaxValue()), 3);
        return this;
    }

    /**
     * Adds a note: something a reader must know to trust the numbers.
     *
     * @param note the note
     * @return this
     */
    public Metrics note(String note) {
        notes.add(note);
        return this;
    }

    /**
     * The numbers.
     *
     * @return them, in order
     */
    public Collection<Metric> all() {
        return metrics.values();
    }

    /**
     * One number.
     *
     * @param key its key
     * @return the value, or {@code NaN} if absent
     */
    public double value(String key) {
        Metric m = metrics.get(key);
        return m == null ? Double.NaN : m.value();
    }

    /**
     * The notes.
     *
     * @return them, in order
     */
    public List<String> notes() {
        return new ArrayList<>(notes);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
