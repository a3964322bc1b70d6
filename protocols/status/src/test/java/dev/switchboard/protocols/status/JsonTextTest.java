package dev.switchboard.protocols.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void plainTextIsOnlyQuoted() {
        assertEquals("\"Mozilla/5.0 (X11; Linux x86_64)\"", quoted("Mozilla/5.0 (X11; Linux x86_64)"));
        assertEquals("\"\"", quoted(""));
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\\\\\\"\"", quoted("a\"b\\c\\\""));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\"", quoted("\n\r\t\b\f\u0000\u0001\u001f"));
    }

    @Test
    void javaScriptLineSeparatorsAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", quoted("a\u2028b\u2029c"));
    }

    @Test
    void otherUnicodeIsKeptAsIs() {
        // U+00F1, U+4E2D, U+1F600 as a surrogate pair, DEL.
        String text = "\u00F1\u4E2D\uD83D\uDE00\u007F";
        assertEquals("\"" + text + "\"", quoted(text));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertEquals("\"a\uFFFDb\uFFFD\"", quoted("a\uD83Db\uDE00"));
        assertEquals("\"\uFFFD\"", quoted("\uD83D"));
    }

    private static String quoted(String text) {
        return JsonText.appendQuoted(new StringBuilder(), text).toString();
    }
}
