package dev.switchboard.server.handshake;

import java.util.Locale;

/**
 * Why the server refused a WebSocket handshake before any protocol was asked: the {@code reason} tag of
 * {@code switchboard_handshakes_refused_total}.
 */
public enum RefusalReason {
    /** The server is stopping (503). */
    SHUTTING_DOWN,
    /** Not a GET (405). */
    METHOD,
    /** {@code Sec-WebSocket-Version} is not 13 (426). */
    BAD_VERSION,
    /** {@code Sec-WebSocket-Key} is not 16 bytes in base64 (400). */
    BAD_KEY,
    /** No offered subprotocol is served, or none was offered and there is no default (400). */
    NO_SUBPROTOCOL,
    /** The {@code Upgrade} header names more than {@code websocket} (400). */
    UPGRADE_HEADER;

    /**
     * The tag value.
     *
     * @return the name in lower case, e.g. {@code bad_key}
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
