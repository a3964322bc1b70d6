package dev.switchboard.protocols.reverse;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GraphemeReversalTest {

    // Each case: what it shows, a text, and that text reversed grapheme by grapheme.
    static Stream<Arguments> texts() {
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String thumbsUpMediumSkin = "\uD83D\uDC4D\uD83C\uDFFD";
        String france = "\uD83C\uDDEB\uD83C\uDDF7";
        String germany = "\uD83C\uDDE9\uD83C\uDDEA";
        String gak = "\u1100\u1161\u11A8";
        String ga = "\u1100\u1161";
        return Stream.of(
                Arguments.of("reverses ASCII text", "Hello, world!", "!dlrow ,olleH"),
                Arguments.of("keeps empty text empty", "", ""),
                Arguments.of("keeps surrogate pairs whole", "añb😀", "😀bña"),
                Arguments.of("keeps a combining accent on its letter", "xe\u0301", "e\u0301x"),
                Arguments.of("keeps an emoji ZWJ sequence whole", "a" + family + "!", "!" + family + "a"),
                Arguments.of("keeps a skin tone modifier on its emoji", thumbsUpMediumSkin + "x",
                             "x" + thumbsUpMediumSkin),
                Arguments.of("keeps flags whole instead of pairing other regional indicators", france + germany,
                             germany + france),
                Arguments.of("keeps Hangul jamo sequences whole", gak + ga, ga + gak),
                Arguments.of("keeps carriage return line feed together", "a\r\nb", "b\r\na"),
                Arguments.of("treats an unpaired surrogate as one character", "a\uD800b", "b\uD800a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void reversesByGrapheme(String shows, String text, String reversed) {
        assertEquals(reversed, GraphemeReversal.reverse(text));
    }

    @Test
    void reversesOneMebibyteInLinearTime() {
        String unit = "ab" + "e\u0301" + "\uD83D\uDE00" + "\uD83C\uDDEB\uD83C\uDDF7";
        String reversedUnit = GraphemeReversal.reverse(unit);
        int repeats = (1 << 20) / unit.length();
        String padding = "x".repeat((1 << 20) - repeats * unit.length());
        String text = unit.repeat(repeats) + padding;

        // A quadratic walk over a million characters would take minutes, not seconds.
        String reversed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> GraphemeReversal.reverse(text));

        assertEquals(1 << 20, text.length());
        assertEquals(padding + reversedUnit.repeat(repeats), reversed);
    }
}
