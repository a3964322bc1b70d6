package dev.switchboard.bench.client;

import java.util.Locale;

/**
 * What the client offers of permessage-deflate (RFC 7692) in its handshake: nothing, the extension with context
 * takeover both ways, or with {@code client_no_context_takeover} (the client compresses every message on its own).
 */
public enum DeflateOffer {

    /** No extension offered: frames go out and come in uncompressed. */
    OFF("off", null),
    /** {@code permessage-deflate}: both sides may keep their compression context from message to message. */
    CONTEXT_TAKEOVER("context-takeover", "permessage-deflate"),
    /** {@code permessage-deflate; client_no_context_takeover}: the client starts every message afresh. */
    NO_CONTEXT_TAKEOVER("no-context-takeover", "permessage-deflate; client_no_context_takeover");

    private final String option;
    private final String header;

    DeflateOffer(String option, String header) {
        this.option = option;
        this.header = header;
    }

    /**
     * Reads {@code --deflate}: {@code off}, {@code true} or {@code context-takeover}, {@code no-context-takeover}.
     *
     * @param option the option's value
     * @return the offer
     * @throws IllegalArgumentException for any other value
     */
    public static DeflateOffer parse(String option) {
        String value = option.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "off", "false", "no", "0" -> OFF;
            case "true", "on", "yes", "context-takeover" -> CONTEXT_TAKEOVER;
            case "no-context-takeover" -> NO_CONTEXT_TAKEOVER;
            default -> throw new IllegalArgumentException("--deflate is off, context-takeover (or no value) or "
                    + "no-context-takeover: " + option);
        };
    }

    /**
     * The value of {@code --deflate} that gives this offer.
     *
     * @return the option's value
     */
    public String option() {
        return option;
    }

    /**
     * The {@code Sec-WebSocket-Extensions} value offered.
     *
     * @return the value, {@code null} for {@link #OFF}
     */
    public String header() {
        return header;
    }
}
