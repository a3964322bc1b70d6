package dev.switchboard.protocols.reverse;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Objects;

/**
 * Reverses text by user-perceived character (Unicode extended grapheme cluster, UAX #29), never by UTF-16 unit.
 *
 * <p>Reversing UTF-16 units would split surrogate pairs into invalid text, and reversing code points would move
 * a combining accent onto another letter, break emoji ZWJ sequences such as 👩‍👩‍👧 apart and pair the wrong
 * regional indicators into other flags. Clusters keep all of these whole: {@code "xe\u0301"} becomes
 * {@code "e\u0301x"} and 🇫🇷🇩🇪 becomes 🇩🇪🇫🇷.
 *
 * <p>Since JDK 20 the character instance of {@link BreakIterator} follows extended grapheme clusters (JDK-8291660)
 * and computes all boundaries once in {@code setText}, so walking them backwards is linear in the text's length.
 *
 * <p>Public for the bench module's {@code ReverseBenchmark} and its raw Helidon target; the protocol's own entry point
 * is {@link ReverseProtocolFactory}.
 */
public final class GraphemeReversal {

    private GraphemeReversal() {
    }

    /**
     * Reverses the order of the text's grapheme clusters, keeping each cluster as it is.
     *
     * @param text the text; may contain unpaired surrogates, which count as clusters of their own
     * @return the reversed text, of the same length
     */
    public static String reverse(String text) {
        Objects.requireNonNull(text, "text is null");
        // Not shared between calls: a BreakIterator holds its text and position, so it is not thread-safe.
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        StringBuilder reversed = new StringBuilder(text.length());
        int end = clusters.last();
        for (int start = clusters.previous(); start != BreakIterator.DONE; start = clusters.previous()) {
            reversed.append(text, start, end);
            end = start;
        }
        return reversed.toString();
    }
}
