package dev.switchboard.server.handshake;

import java.util.Locale;

/**
 * Why a WebSocket handshake was refused: the {@code reason} tag of {@code switchboard_handshakes_refused_total}, every
 * value it takes. The server refuses for all but {@link #PROTOCOL_REFUSED}, before the protocol is asked.
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
    UPGRADE_HEADER,
    /** A browser page from an origin the configuration does not allow (403). */
    ORIGIN,
    /** The server or the chosen protocol has {@code max-sessions} sessions open (503). */
    SESSION_LIMIT,
    /** The client's address has {@code max-sessions-per-ip} sessions open (429). */
    ADDRESS_LIMIT,
    /** The protocol's {@code accept} refused, with its own status (500 when {@code accept} threw). */
    PROTOCOL_REFUSED;

    /**
     * The tag value.
     *
     * @return the name in lower case, e.g. {@code bad_key}
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
