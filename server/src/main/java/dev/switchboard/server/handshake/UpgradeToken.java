package dev.switchboard.server.handshake;

import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * Asks Helidon for one WebSocket upgrader under one spelling of the {@code Upgrade} header value.
 *
 * <p>Helidon 4.5.0 finds an upgrader by an exact, case-sensitive match on the whole header value, while RFC 6455
 * section 4.2.1 says the value is case-insensitive: the server registers one token per letter-case variant of
 * {@code websocket} (see {@link #variants()}), all served by the same endpoint.
 *
 * @param token    the header value this upgrader answers to
 * @param endpoint the endpoint that serves the connections
 */
public record UpgradeToken(String token, WebSocketEndpoint endpoint) implements ProtocolConfig {

    /** The protocol config type that {@link SwitchboardUpgradeProvider} builds upgraders for. */
    public static final String TYPE = "switchboard-websocket";

    private static final String WEBSOCKET = "websocket";

    @Override
    public String name() {
        return TYPE + "-" + token;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Every letter-case spelling of {@code websocket}: 2^9 of them.
     *
     * @param endpoint the endpoint that serves them all
     * @return one token per spelling
     */
    public static List<UpgradeToken> variants(WebSocketEndpoint endpoint) {
        List<UpgradeToken> tokens = new ArrayList<>(1 << WEBSOCKET.length());
        for (int mask = 0; mask < 1 << WEBSOCKET.length(); mask++) {
            StringBuilder spelling = new StringBuilder(WEBSOCKET.length());
            for (int i = 0; i < WEBSOCKET.length(); i++) {
                char c = WEBSOCKET.charAt(i);
                spelling.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
            }
            tokens.add(new UpgradeToken(spelling.toString(), endpoint));
        }
        return tokens;
    }
}
