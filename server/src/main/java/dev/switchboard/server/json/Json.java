package dev.switchboard.server.json;

import java.util.Optional;

import io.helidon.json.JsonString;

/**
 * JSON string literals, for the few small documents and log lines the server writes by hand, escaped by Helidon's
 * JSON writer.
 */
public final class Json {

    private Json() {
    }

    /**
     * A JSON string literal, or {@code null}.
     *
     * @param value the text, if any
     * @return the literal, quotes included
     */
    public static String string(Optional<String> value) {
        return value.map(Json::string).orElse("null");
    }

    /**
     * A JSON string literal: quotes, backslashes, control characters and the two JavaScript line separators
     * escaped, so that it can neither end early nor break a line.
     *
     * @param value the text
     * @return the literal, quotes included
     */
    public static String string(String value) {
        // Helidon leaves U+2028 and U+2029 as they are, which JSON allows; log viewers and older JavaScript take
        // them for line breaks.
        return JsonString.create(value).toString().replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
