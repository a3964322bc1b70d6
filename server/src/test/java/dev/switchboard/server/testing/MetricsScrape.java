package dev.switchboard.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One scrape of {@code GET /observe/metrics} in Prometheus text format, parsed into samples, for tests to read exact
 * values of series by name and tags.
 */
public final class MetricsScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The tag Helidon adds to every meter; series are matched without it. */
    private static final String SCOPE = "scope";

    private final String text;
    private final List<Sample> samples;

    private MetricsScrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /**
     * Scrapes a server.
     *
     * @param server the server
     * @return the scrape
     * @throws Exception on failure, or a status other than 200
     */
    public static MetricsScrape of(LoopbackServer server) throws Exception {
        return of(server.http("/observe/metrics"));
    }

    /**
     * Scrapes a metrics endpoint.
     *
     * @param uri the endpoint
     * @return the scrape
     * @throws Exception on failure, or a status other than 200
     */
    public static MetricsScrape of(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                                                          .header("Accept", "text/plain")
                                                          .timeout(Duration.ofSeconds(10))
                                                          .build(),
                                                  HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /**
     * Scrapes until {@code done} holds or {@code within} has passed, for counts that move when a session has ended on
     * the server's side.
     *
     * @param server the server
     * @param within the longest wait
     * @param done   what to wait for
     * @return the last scrape, whether or not it satisfied {@code done}
     * @throws Exception on failure
     */
    public static MetricsScrape awaitUntil(LoopbackServer server, Duration within, Predicate<MetricsScrape> done)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        MetricsScrape scrape = of(server);
        while (!done.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = of(server);
        }
        return scrape;
    }

    /**
     * Parses Prometheus text format.
     *
     * @param text the scrape
     * @return the samples
     */
    public static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(Sample.parse(line));
            }
        }
        return new MetricsScrape(text, List.copyOf(samples));
    }

    /**
     * The value of the one series with this name and exactly these tags (Helidon's {@code scope} aside).
     *
     * @param name the series name, e.g. {@code switchboard_sessions_opened_total}
     * @param tags tag names and values, alternating
     * @return the value, if the series exists
     * @throws AssertionError if more than one series matches
     */
    public Optional<Double> value(String name, String... tags) {
        Map<String, String> wanted = tags(tags);
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.tagsWithoutScope().equals(wanted))
                .toList();
        if (matching.size() > 1) {
            throw new AssertionError(matching.size() + " series " + name + wanted + " in\n" + text);
        }
        return matching.stream().findFirst().map(Sample::value);
    }

    /**
     * The value of a series that must exist, as a whole number.
     *
     * @param name the series name
     * @param tags tag names and values, alternating
     * @return the value
     * @throws AssertionError if the series is missing or not a whole number
     */
    public long count(String name, String... tags) {
        double value = value(name, tags)
                .orElseThrow(() -> new AssertionError("no series " + name + tags(tags) + " in\n" + text));
        if (value != Math.rint(value)) {
            throw new AssertionError(name + tags(tags) + " is " + value + ", not a whole number");
        }
        return (long) value;
    }

    /**
     * The value of a series that appears when first counted, 0 while it does not exist.
     *
     * @param name the series name
     * @param tags tag names and values, alternating
     * @return the value, or 0
     */
    public long countOrZero(String name, String... tags) {
        return value(name, tags).isPresent() ? count(name, tags) : 0;
    }

    /**
     * The sum of every series of one name, whatever its tags, as a whole number: 0 when there is none.
     *
     * @param name the series name
     * @return the sum
     * @throws AssertionError if the sum is not a whole number
     */
    public long sum(String name) {
        double sum = samples.stream().filter(sample -> sample.name().equals(name)).mapToDouble(Sample::value).sum();
        if (sum != Math.rint(sum)) {
            throw new AssertionError(name + " sums to " + sum + ", not a whole number");
        }
        return (long) sum;
    }

    /**
     * Every series of one name, as name, tags and value per line, for failure messages.
     *
     * @param name the series name
     * @return the lines
     */
    public String series(String name) {
        StringBuilder lines = new StringBuilder();
        samples.stream().filter(sample -> sample.name().equals(name))
                .forEach(sample -> lines.append(sample).append('\n'));
        return lines.toString();
    }

    /**
     * The scraped text.
     *
     * @return the text as served
     */
    public String text() {
        return text;
    }

    private static Map<String, String> tags(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name, value pairs");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            tags.put(pairs[i], pairs[i + 1]);
        }
        return tags;
    }

    /**
     * One sample line.
     *
     * @param name  the series name
     * @param tags  its tags
     * @param value its value
     */
    public record Sample(String name, Map<String, String> tags, double value) {

        static Sample parse(String line) {
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (brace < 0 || brace > space) {
                return new Sample(line.substring(0, space), Map.of(), Double.parseDouble(line.substring(space + 1)));
            }
            Map<String, String> tags = new LinkedHashMap<>();
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (char c = line.charAt(j); c != '"'; c = line.charAt(++j)) {
                    if (c == '\\') {
                        char escaped = line.charAt(++j);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                tags.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            return new Sample(line.substring(0, brace), tags, Double.parseDouble(line.substring(i + 1).trim()));
        }

        Map<String, String> tagsWithoutScope() {
            Map<String, String> copy = new LinkedHashMap<>(tags);
            copy.remove(SCOPE);
            return copy;
        }
    }
}
