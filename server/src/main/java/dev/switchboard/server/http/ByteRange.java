package dev.switchboard.server.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a {@code Range} header, as RFC 9110 (section 14) reads it against a file of known size: the
 * end clamped to the file's last byte, a suffix range counted from the end.
 *
 * @param first the first byte, or -1 when no byte of the file is in the range
 * @param last  the last byte, inclusive, or -1 when no byte of the file is in the range
 */
record ByteRange(long first, long last) {

    /** A range that starts past the file's end: answered with 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    // One range only: a server may ignore a Range header (RFC 9110 14.2), and several ranges would need a multipart
    // answer for no use the page has.
    private static final Pattern SINGLE = Pattern.compile("(?i)bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");
    private static final int MAX_DIGITS = 18;

    /**
     * Reads a {@code Range} header.
     *
     * @param header the header's value
     * @param size   the file's size in bytes
     * @return the range, {@link #UNSATISFIABLE}, or empty when the header is to be ignored and the whole file sent
     *         (another unit, several ranges, a malformed or reversed range)
     */
    static Optional<ByteRange> parse(String header, long size) {
        Matcher range = SINGLE.matcher(header);
        if (!range.matches()) {
            return Optional.empty();
        }
        String from = range.group(1);
        String to = range.group(2);
        if (from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        if (from.isEmpty()) {
            long suffix = number(to);
            return Optional.of(suffix == 0 || size == 0 ? UNSATISFIABLE
                                       : new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (last < first) {
            return Optional.empty();
        }
        return Optional.of(first >= size ? UNSATISFIABLE : new ByteRange(first, Math.min(last, size - 1)));
    }

    /**
     * The number of bytes in the range.
     *
     * @return last - first + 1
     */
    long length() {
        return last - first + 1;
    }

    // Digits beyond what a long holds name a position past any file: the largest long stands for them.
    private static long number(String digits) {
        return digits.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
