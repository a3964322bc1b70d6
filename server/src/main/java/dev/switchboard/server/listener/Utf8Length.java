package dev.switchboard.server.listener;

/**
 * The UTF-8 length of a string, counted without encoding it.
 */
final class Utf8Length {

    private Utf8Length() {
    }

    /**
     * Counts the bytes.
     *
     * @param text the string
     * @return its length in UTF-8 bytes; a lone surrogate counts 3, as its replacement character
     */
    static long of(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
