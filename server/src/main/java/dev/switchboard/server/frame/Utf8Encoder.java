package dev.switchboard.server.frame;

/**
 * UTF-8 encoding of a string into an existing array, so a text frame needs no array besides itself. Unpaired
 * surrogates become {@code '?'}, as {@link String#getBytes(java.nio.charset.Charset)} does, so the output is always
 * well-formed UTF-8.
 */
final class Utf8Encoder {

    private Utf8Encoder() {
    }

    /**
     * The number of bytes {@link #encode} writes.
     *
     * @param text the text
     * @return its UTF-8 length; a {@code long}, since three bytes per char can pass {@link Integer#MAX_VALUE}
     */
    static long length(String text) {
        int chars = text.length();
        long bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (isPairStart(text, i)) {
                // Four bytes for the two chars of a pair.
                bytes += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    /**
     * Writes the UTF-8 encoding of a text.
     *
     * @param text        the text
     * @param destination the array, with room for {@link #length(String)} bytes from the offset
     * @param offset      where the first byte goes
     */
    static void encode(String text, byte[] destination, int offset) {
        int chars = text.length();
        int p = offset;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                destination[p++] = (byte) c;
            } else if (c < 0x800) {
                destination[p++] = (byte) (0xC0 | c >> 6);
                destination[p++] = (byte) (0x80 | c & 0x3F);
            } else if (isPairStart(text, i)) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                destination[p++] = (byte) (0xF0 | codePoint >> 18);
                destination[p++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                destination[p++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                destination[p++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c)) {
                destination[p++] = '?';
            } else {
                destination[p++] = (byte) (0xE0 | c >> 12);
                destination[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                destination[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private static boolean isPairStart(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index))
                && index + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(index + 1));
    }
}
