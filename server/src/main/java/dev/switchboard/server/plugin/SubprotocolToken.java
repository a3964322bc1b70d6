package dev.switchboard.server.plugin;

/**
 * The syntax of a subprotocol name: an HTTP token (RFC 6455 section 4.1, RFC 7230 section 3.2.6).
 */
public final class SubprotocolToken {

    private static final String SEPARATOR_FREE_SYMBOLS = "!#$%&'*+-.^_`|~";

    private SubprotocolToken() {
    }

    /**
     * Whether a name is a valid token.
     *
     * @param name the name
     * @return {@code true} for a non-empty string of token characters
     */
    public static boolean isValid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && SEPARATOR_FREE_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
