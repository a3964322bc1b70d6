package dev.switchboard.server.deflate;

import java.util.OptionalInt;

/**
 * The permessage-deflate parameters the server accepted for one connection. The server always adds
 * {@code server_no_context_takeover} (RFC 7692 section 7.1.1.1 lets it): its compressor then keeps nothing between
 * messages, so it comes from a pool and one compressed frame can go to many connections.
 *
 * @param clientNoContextTakeover the client resets its compressor after each message, so the inflater holds nothing
 *                                between messages either
 * @param serverMaxWindowBits     the client's {@code server_max_window_bits}, answered as offered; below 15 the
 *                                server compresses only messages that fit the window (see
 *                                {@link #largestCompressedMessage()})
 * @param clientMaxWindowBits     the client's {@code client_max_window_bits} value, answered as offered; empty when
 *                                offered without a value or not at all (a 15-bit inflater reads any smaller window)
 */
public record DeflateParameters(boolean clientNoContextTakeover,
                                OptionalInt serverMaxWindowBits,
                                OptionalInt clientMaxWindowBits) {

    /** The extension's name. */
    public static final String NAME = "permessage-deflate";

    /**
     * The longest message the server may compress for this client. The JDK's deflater always uses a 15-bit window,
     * but with no context taken over a message refers back only into itself, so a message no longer than the
     * client's window never refers further back than the window.
     *
     * @return {@code 2^server_max_window_bits}, or {@link Integer#MAX_VALUE} at 15 bits or with none offered
     */
    public int largestCompressedMessage() {
        int bits = serverMaxWindowBits.orElse(15);
        return bits >= 15 ? Integer.MAX_VALUE : 1 << bits;
    }

    /**
     * The value of the response's {@code Sec-WebSocket-Extensions} header: exactly the accepted parameters.
     *
     * @return e.g. {@code permessage-deflate; server_no_context_takeover; client_no_context_takeover}
     */
    public String responseHeader() {
        StringBuilder header = new StringBuilder(NAME).append("; server_no_context_takeover");
        if (clientNoContextTakeover) {
            header.append("; client_no_context_takeover");
        }
        serverMaxWindowBits.ifPresent(bits -> header.append("; server_max_window_bits=").append(bits));
        clientMaxWindowBits.ifPresent(bits -> header.append("; client_max_window_bits=").append(bits));
        return header.toString();
    }
}
