package dev.switchboard.bench.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.helidon.json.JsonGenerator;

/**
 * Every run of one scenario against one target, and the median of each number over the runs.
 */
public final class ScenarioReport {

    private final String scenario;
    private final String target;
    private final String url;
    private final Map<String, String> parameters;
    private final List<Metrics> runs;
    private final Metrics median;

    /**
     * Summarizes runs.
     *
     * @param scenario   the scenario's name
     * @param target     what was measured ({@code switchboard}, or the URL)
     * @param url        the URL driven
     * @param parameters the scenario's parameters, as shown
     * @param runs       the runs, at least one
     */
    public ScenarioReport(String scenario, String target, String url, Map<String, String> parameters,
                          List<Metrics> runs) {
        this.scenario = scenario;
        this.target = target;
        this.url = url;
        this.parameters = new LinkedHashMap<>(parameters);
        this.runs = List.copyOf(runs);
        this.median = median(runs);
    }

    /**
     * The scenario's name.
     *
     * @return the name
     */
    public String scenario() {
        return scenario;
    }

    /**
     * The target's name.
     *
     * @return the name
     */
    public String target() {
        return target;
    }

    /**
     * The medians over the runs (notes: all runs' notes).
     *
     * @return the medians
     */
    public Metrics median() {
        return median;
    }

    /**
     * The runs.
     *
     * @return every run's numbers
     */
    public List<Metrics> runs() {
        return runs;
    }

    /**
     * The parameters, as shown.
     *
     * @return name to value
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * A text table: the median and every run.
     *
     * @return the table
     */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("== ").append(scenario).append(" on ").append(target);
        if (!url.equals(target)) {
            out.append(" (").append(url).append(')');
        }
        out.append(" ==\n");
        StringBuilder params = new StringBuilder();
        parameters.forEach((k, v) -> params.append(params.isEmpty() ? "" : "  ").append(k).append('=').append(v));
        out.append(params).append('\n');
        out.append(String.format(Locale.ROOT, "%-30s %12s", "", "median"));
        if (runs.size() > 1) {
            for (int i = 0; i < runs.size(); i++) {
                out.append(String.format(Locale.ROOT, " %11s", "run " + (i + 1)));
            }
        }
        out.append('\n');
        for (Metrics.Metric m : median.all()) {
            out.append(String.format(Locale.ROOT, "%-30s %12s", m.label(), format(m.value(), m.decimals())));
            if (runs.size() > 1) {
                for (Metrics run : runs) {
                    out.append(String.format(Locale.ROOT, " %11s", format(run.value(m.key()), m.decimals())));
                }
            }
            out.append('\n');
        }
        for (String note : median.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /**
     * The report as a JSON object.
     *
     * @return the JSON text
     */
    public String json() {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JsonGenerator.create(text)) {
            writeTo(json);
        }
        return text.toString();
    }

    /**
     * Writes the report as a JSON object.
     *
     * @param json where to write it
     */
    public void writeTo(JsonGenerator json) {
        json.writeObjectStart().write("scenario", scenario).write("target", target).write("url", url);
        json.writeKey("parameters").writeObjectStart();
        parameters.forEach(json::write);
        json.writeObjectEnd();
        json.writeKey("median");
        metrics(json, median);
        json.writeKey("runs").writeArrayStart();
        for (Metrics run : runs) {
            metrics(json, run);
        }
        json.writeArrayEnd();
        json.writeKey("notes").writeArrayStart();
        median.notes().forEach(json::write);
        json.writeArrayEnd().writeObjectEnd();
    }

    /**
     * Writes a number field as the reports do: a whole number without a fraction, {@code NaN} and infinities as
     * {@code null}.
     *
     * @param json  where to write it
     * @param key   the key
     * @param value the number
     */
    public static void writeNumber(JsonGenerator json, String key, double value) {
        json.writeKey(key);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeNull();
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.write((long) value);
        } else {
            json.write(value);
        }
    }

    /**
     * A number as shown in tables: thousands separated, {@code -} when unknown.
     *
     * @param value    the number
     * @param decimals digits after the point
     * @return the text
     */
    public static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static void metrics(JsonGenerator json, Metrics metrics) {
        json.writeObjectStart();
        for (Metrics.Metric m : metrics.all()) {
            writeNumber(json, m.key(), m.value());
        }
        json.writeObjectEnd();
    }

    private static Metrics median(List<Metrics> runs) {
        Metrics median = new Metrics();
        Set<String> notes = new LinkedHashSet<>();
        Map<String, Metrics.Metric> first = new LinkedHashMap<>();
        for (Metrics run : runs) {
            for (Metrics.Metric m : run.all()) {
                first.putIfAbsent(m.key(), m);
            }
            notes.addAll(run.notes());
        }
        for (Metrics.Metric m : first.values()) {
            List<Double> values = new ArrayList<>();
            for (Metrics run : runs) {
                double v = run.value(m.key());
                if (!Double.isNaN(v)) {
                    values.add(v);
                }
            }
            median.add(m.key(), m.label(), medianOf(values), m.decimals());
        }
        notes.forEach(median::note);
        return median;
    }

    static double medianOf(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
