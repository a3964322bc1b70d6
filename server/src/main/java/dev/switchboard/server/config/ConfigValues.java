package dev.switchboard.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the value kinds used in Switchboard's YAML: ports, byte sizes, durations, booleans, integers.
 * Each takes the full key so that an error names it.
 */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    /**
     * The longest duration accepted: far beyond any sensible timeout or interval, and far below what overflows a
     * scheduler's nanosecond arithmetic.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(365);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private ConfigValues() {
    }

    /**
     * A TCP port, 0 (any free port) to 65535.
     *
     * @param key   full key
     * @param value text
     * @return the port
     */
    public static int port(String key, String value) {
        int port = integer(key, value);
        if (port < 0 || port > 65535) {
            throw new ConfigError(key, value, "is not a port number (0-65535)");
        }
        return port;
    }

    /**
     * An integer.
     *
     * @param key   full key
     * @param value text
     * @return the integer
     */
    public static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigError(key, value, "is not an integer");
        }
    }

    /**
     * A count of things, 0 or more.
     *
     * @param key   full key
     * @param value text
     * @return the count
     */
    public static int count(String key, String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below, as for a negative number.
        }
        throw new ConfigError(key, value, "is not a whole number of 0 or more (0: no limit)");
    }

    /**
     * {@code true} or {@code false}, in any letter case.
     *
     * @param key   full key
     * @param value text
     * @return the boolean
     */
    public static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigError(key, value, "is not a boolean (true or false)");
        };
    }

    /**
     * A byte count: a plain number of bytes or a number with {@code B}, {@code KiB}, {@code MiB} or {@code GiB}.
     *
     * @param key   full key
     * @param value text
     * @return the number of bytes, at least 1
     */
    public static long size(String key, String value) {
        long bytes = byteCount(key, value);
        if (bytes < 1) {
            throw new ConfigError(key, value, "must be at least 1 byte");
        }
        return bytes;
    }

    /**
     * A byte count of 0 or more, written as for {@link #size}.
     *
     * @param key   full key
     * @param value text
     * @return the number of bytes
     */
    public static long byteCount(String key, String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigError(key, value, "is not a size (examples: 65536, 64KiB, 16MiB)");
        }
        long multiplier = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigError(key, value, "is too large");
        }
    }

    /**
     * A byte count as {@link #size} reads it, in the largest unit that writes it whole.
     *
     * @param bytes the number of bytes
     * @return e.g. {@code 1MiB}, {@code 1536KiB} or {@code 1000}
     */
    public static String sizeText(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return String.valueOf(bytes);
    }

    /**
     * A duration as {@link #duration} reads it, in the largest unit that writes it whole.
     *
     * @param duration the duration
     * @return e.g. {@code 1ms}, {@code 90s}, {@code 8760h}, or ISO-8601 below a millisecond ({@code PT0.0005S})
     */
    public static String durationText(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos != 0 && nanos % 3_600_000_000_000L == 0) {
            return duration.toHours() + "h";
        }
        if (nanos != 0 && nanos % 60_000_000_000L == 0) {
            return duration.toMinutes() + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return duration.toSeconds() + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toString();
    }

    /**
     * A duration longer than zero, in the forms {@link #duration} takes: a timeout of zero would fire at once.
     *
     * @param key   full key
     * @param value text
     * @return the duration
     */
    public static Duration positiveDuration(String key, String value) {
        Duration duration = duration(key, value);
        if (duration.isZero()) {
            throw new ConfigError(key, value, "must be longer than zero");
        }
        return duration;
    }

    /**
     * A duration: {@code 50ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT0.05S}).
     * Negative durations are refused.
     *
     * @param key   full key
     * @param value text
     * @return the duration
     */
    public static Duration duration(String key, String value) {
        String text = value.trim();
        Duration duration;
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double nanosPerUnit = switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            duration = Duration.ofNanos(Math.round(amount * nanosPerUnit));
        } else {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new ConfigError(key, value, "is not a duration (examples: 50ms, 2s, 5m, PT0.05S)");
            }
        }
        if (duration.isNegative()) {
            throw new ConfigError(key, value, "must not be negative");
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new ConfigError(key, value, "is longer than the longest accepted duration, 365 days");
        }
        return duration;
    }
}
