package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options: {@code --name value} or {@code --name=value}; flags without a value are {@code true}. Every
 * option read is remembered, so options nobody read can be reported as mistakes.
 */
public final class Options {

    private final Map<String, String> values;
    private final List<String> positional;
    private final Set<String> read = new LinkedHashSet<>();

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses arguments.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException on a malformed argument
     */
    public static Options parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                values.put(name, "true");
            }
        }
        return new Options(values, positional);
    }

    /**
     * A copy with some values replaced or added.
     *
     * @param overrides name to value
     * @return the new options
     */
    public Options with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides);
        return new Options(copy, positional);
    }

    /**
     * Arguments that are not options.
     *
     * @return them, in order
     */
    public List<String> positional() {
        return positional;
    }

    /**
     * Whether an option was given.
     *
     * @param name its name
     * @return {@code true} if given
     */
    public boolean has(String name) {
        read.add(name);
        return values.containsKey(name);
    }

    /**
     * A string option.
     *
     * @param name         its name
     * @param defaultValue the value if not given
     * @return the value
     */
    public String string(String name, String defaultValue) {
        read.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    /**
     * An integer option; {@code k} and {@code m} suffixes multiply by 1,000 and 1,000,000, {@code KiB} and {@code MiB}
     * (for sizes and byte rates) by 1,024 and 1,048,576.
     *
     * @param name         its name
     * @param defaultValue the value if not given
     * @param min          the smallest value allowed
     * @return the value
     */
    public int integer(String name, int defaultValue, int min) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long factor = 1;
        if (t.endsWith("kib")) {
            factor = 1024;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("mib")) {
            factor = 1024 * 1024;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("k")) {
            factor = 1000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long value = Long.parseLong(t) * factor;
            if (value < min || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--" + name + " must be at least " + min + ": " + text);
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a number: " + text);
        }
    }

    /**
     * A decimal option.
     *
     * @param name         its name
     * @param defaultValue the value if not given
     * @return the value
     */
    public double decimal(String name, double defaultValue) {
        String text = string(name, null);
        try {
            return text == null ? defaultValue : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a number: " + text);
        }
    }

    /**
     * A flag.
     *
     * @param name its name
     * @return whether given (and not {@code false})
     */
    public boolean flag(String name) {
        String text = string(name, "false");
        return !text.equalsIgnoreCase("false") && !text.equals("0");
    }

    /**
     * A duration: {@code 200us}, {@code 500ms}, {@code 2s}, {@code 1m}, or plain seconds.
     *
     * @param name         its name
     * @param defaultValue the value if not given
     * @return the value
     */
    public Duration duration(String name, Duration defaultValue) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("us")) {
                return Duration.ofNanos(Long.parseLong(t.substring(0, t.length() - 2)) * 1000);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a duration (500ms, 2s, 1m): " + text);
        }
    }

    /**
     * Options given but never read: likely typos.
     *
     * @return their names
     */
    public List<String> unread() {
        List<String> unread = new ArrayList<>();
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                unread.add(name);
            }
        }
        return unread;
    }
}
