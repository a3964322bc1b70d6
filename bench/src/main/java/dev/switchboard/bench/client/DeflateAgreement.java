package dev.switchboard.bench.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The permessage-deflate parameters a server answered (RFC 7692 section 7.1). The client offers no window sizes, so
 * the server may answer {@code server_no_context_takeover}, {@code client_no_context_takeover} (section 7.1.1.2: even
 * unasked) and {@code server_max_window_bits} (section 7.1.2.1: even unasked; the client's 15-bit inflater reads any
 * smaller window); anything else, {@code client_max_window_bits} above all, was not offered and fails the handshake.
 *
 * @param serverNoContextTakeover the server starts every message afresh: the client may reset its inflater
 * @param clientNoContextTakeover the client must start every message afresh
 * @param serverMaxWindowBits     the server's LZ77 window, 8 to 15 (15 when not answered)
 */
public record DeflateAgreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                               int serverMaxWindowBits) {

    private static final String NAME = "permessage-deflate";

    /**
     * Reads the extensions of a 101 answer.
     *
     * @param header the answer's header, through the empty line
     * @param offer  what the request offered
     * @return the agreement, or {@code null} if the server accepted no extension
     * @throws IllegalArgumentException naming what the server answered that was not offered
     */
    public static DeflateAgreement negotiate(String header, DeflateOffer offer) {
        List<String> extensions = new ArrayList<>();
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("sec-websocket-extensions")) {
                for (String extension : line.substring(colon + 1).split(",")) {
                    if (!extension.isBlank()) {
                        extensions.add(extension.trim());
                    }
                }
            }
        }
        if (extensions.isEmpty()) {
            return null;
        }
        if (offer == DeflateOffer.OFF) {
            throw new IllegalArgumentException("server answered extensions that were not offered: " + extensions);
        }
        if (extensions.size() > 1) {
            throw new IllegalArgumentException("server answered more than the one extension offered: " + extensions);
        }
        String[] parts = extensions.get(0).split(";");
        if (!parts[0].trim().equalsIgnoreCase(NAME)) {
            throw new IllegalArgumentException("server answered extension " + parts[0].trim() + ", only " + NAME
                                                       + " was offered");
        }
        return parameters(parts);
    }

    private static DeflateAgreement parameters(String[] parts) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = 15;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(part.substring(eq + 1).trim());
            if (!seen.add(name)) {
                throw new IllegalArgumentException("server answered " + NAME + " parameter " + name + " twice");
            }
            switch (name) {
                case "server_no_context_takeover" -> serverNoContext = noValue(name, value);
                case "client_no_context_takeover" -> clientNoContext = noValue(name, value);
                case "server_max_window_bits" -> serverBits = windowBits(value);
                default -> refused.add(part);
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("server answered " + NAME + " parameters that were not offered: "
                                                       + String.join(", ", refused));
        }
        return new DeflateAgreement(serverNoContext, clientNoContext, serverBits);
    }

    private static boolean noValue(String name, String value) {
        if (value != null) {
            throw new IllegalArgumentException("server answered " + name + " with a value: " + value);
        }
        return true;
    }

    private static int windowBits(String value) {
        try {
            int bits = value == null ? -1 : Integer.parseInt(value);
            if (bits >= 8 && bits <= 15) {
                return bits;
            }
        } catch (NumberFormatException ignored) {
            // Refused below.
        }
        throw new IllegalArgumentException("server answered server_max_window_bits=" + value + ", not 8 to 15");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    @Override
    public String toString() {
        return NAME + (serverNoContextTakeover ? "; server_no_context_takeover" : "")
                + (clientNoContextTakeover ? "; client_no_context_takeover" : "")
                + (serverMaxWindowBits < 15 ? "; server_max_window_bits=" + serverMaxWindowBits : "");
    }
}
