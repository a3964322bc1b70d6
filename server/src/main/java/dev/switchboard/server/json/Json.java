package dev.switchboard.server.json;

import java.util.Locale;
import java.util.Optional;

/**
 * JSON string literals, for the few small documents and log lines the server writes by hand.
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
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
