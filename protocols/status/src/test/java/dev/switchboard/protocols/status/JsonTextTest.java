package dev.switchboard.protocols.status;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    // Each case: what it shows, a text, and the JSON string written for it.
    static Stream<Arguments> texts() {
        // U+00F1, U+4E2D, U+1F600 as a surrogate pair, DEL.
        String otherUnicode = "\u00F1\u4E2D\uD83D\uDE00\u007F";
        return Stream.of(
                Arguments.of("plain text is only quoted", "Mozilla/5.0 (X11; Linux x86_64)",
                             "\"Mozilla/5.0 (X11; Linux x86_64)\""),
                Arguments.of("empty text is only quoted", "", "\"\""),
                Arguments.of("quotes and backslashes are escaped", "a\"b\\c\\\"", "\"a\\\"b\\\\c\\\\\\\"\""),
                Arguments.of("control characters are escaped", "\n\r\t\b\f\u0000\u0001\u001f",
                             "\"\\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\""),
                Arguments.of("JavaScript line separators are escaped", "a\u2028b\u2029c", "\"a\\u2028b\\u2029c\""),
                Arguments.of("other Unicode is kept as is", otherUnicode, "\"" + otherUnicode + "\""),
                Arguments.of("lone surrogates become replacement characters", "a\uD83Db\uDE00", "\"a\uFFFDb\uFFFD\""),
                Arguments.of("a lone high surrogate alone becomes one replacement character", "\uD83D", "\"\uFFFD\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void writesTextAsAJsonString(String shows, String text, String json) {
        assertEquals(json, quoted(text));
    }

    private static String quoted(String text) {
        return JsonText.appendQuoted(new StringBuilder(), text).toString();
    }
}
