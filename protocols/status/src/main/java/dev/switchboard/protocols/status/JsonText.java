package dev.switchboard.protocols.status;

/**
 * JSON string literals (RFC 8259, section 7) for text the server does not control: a client chooses its user agent,
 * so it may hold quotes, backslashes, control characters or any other character.
 */
final class JsonText {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /**
     * Appends text as a JSON string, quotes included.
     *
     * <p>Quotes, backslashes and control characters are escaped as JSON requires. U+2028 and U+2029 are escaped too:
     * valid in JSON, they end a line in JavaScript before ES2019, so a page that evaluates the document would break.
     * A lone surrogate, which no UTF-8 encoder can write, becomes U+FFFD, as it would on the wire anyway. Everything
     * else is written as is, to go out as UTF-8.
     *
     * @param out  where to append
     * @param text the text
     * @return {@code out}
     */
    static StringBuilder appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX_DIGITS[c >> 12 & 0xF])
                .append(HEX_DIGITS[c >> 8 & 0xF])
                .append(HEX_DIGITS[c >> 4 & 0xF])
                .append(HEX_DIGITS[c & 0xF]);
    }
}
