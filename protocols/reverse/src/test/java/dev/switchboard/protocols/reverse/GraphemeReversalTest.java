package dev.switchboard.protocols.reverse;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GraphemeReversalTest {

    @Test
    void reversesAsciiText() {
        assertEquals("!dlrow ,olleH", GraphemeReversal.reverse("Hello, world!"));
    }

    @Test
    void keepsEmptyTextEmpty() {
        assertEquals("", GraphemeReversal.reverse(""));
    }

    @Test
    void keepsSurrogatePairsWhole() {
        assertEquals("😀bña", GraphemeReversal.reverse("añb😀"));
    }

    @Test
    void keepsCombiningAccentOnItsLetter() {
        assertEquals("e\u0301x", GraphemeReversal.reverse("xe\u0301"));
    }

    @Test
    void keepsEmojiZwjSequenceWhole() {
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals("!" + family + "a", GraphemeReversal.reverse("a" + family + "!"));
    }

    @Test
    void keepsSkinToneModifierOnItsEmoji() {
        String thumbsUpMediumSkin = "\uD83D\uDC4D\uD83C\uDFFD";
        assertEquals("x" + thumbsUpMediumSkin, GraphemeReversal.reverse(thumbsUpMediumSkin + "x"));
    }

    @Test
    void keepsFlagsWholeInsteadOfPairingOtherRegionalIndicators() {
        String france = "\uD83C\uDDEB\uD83C\uDDF7";
        String germany = "\uD83C\uDDE9\uD83C\uDDEA";
        assertEquals(germany + france, GraphemeReversal.reverse(france + germany));
    }

    @Test
    void keepsHangulJamoSequencesWhole() {
        String gak = "\u1100\u1161\u11A8";
        String ga = "\u1100\u1161";
        assertEquals(ga + gak, GraphemeReversal.reverse(gak + ga));
    }

    @Test
    void keepsCarriageReturnLineFeedTogether() {
        assertEquals("b\r\na", GraphemeReversal.reverse("a\r\nb"));
    }

    @Test
    void treatsUnpairedSurrogateAsOneCharacter() {
        assertEquals("b\uD800a", GraphemeReversal.reverse("a\uD800b"));
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
