package dev.switchboard.server.connection;

/**
 * Close reasons as they fit a close frame.
 */
final class CloseReasons {

    /** The largest reason that fits a close frame: 125 payload bytes less the 2-byte code. */
    static final int MAX_REASON_BYTES = 123;

    private CloseReasons() {
    }

    /**
     * The reason cut to at most {@value #MAX_REASON_BYTES} UTF-8 bytes without splitting a character.
     *
     * @param reason the reason
     * @return the reason, shortened if needed
     */
    static String fitted(String reason) {
        int bytes = 0;
        int end = 0;
        while (end < reason.length()) {
            int codePoint = reason.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_REASON_BYTES) {
                return reason.substring(0, end);
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return reason;
    }
}
