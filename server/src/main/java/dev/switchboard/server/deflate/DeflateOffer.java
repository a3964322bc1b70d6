package dev.switchboard.server.deflate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One extension offer of a client's {@code Sec-WebSocket-Extensions} header (RFC 6455 section 9.1): a name and its
 * parameters in the order given, a quoted value already unquoted.
 *
 * @param name       the extension's name, e.g. {@code permessage-deflate}
 * @param parameters its parameters; a parameter without a value has an empty value
 * @param wellFormed whether every part of the offer followed the grammar; a malformed offer is declined, never
 *                   the reason to fail a handshake
 */
public record DeflateOffer(String name, List<Parameter> parameters, boolean wellFormed) {

    /**
     * One parameter of an offer.
     *
     * @param name  the parameter's name
     * @param value its value, unquoted; empty when it has none
     */
    public record Parameter(String name, Optional<String> value) {
    }

    /**
     * Reads every offer of every {@code Sec-WebSocket-Extensions} header, in order.
     *
     * @param headerValues the header's values, in the order the client sent them
     * @return the offers
     */
    public static List<DeflateOffer> parse(List<String> headerValues) {
        List<DeflateOffer> offers = new ArrayList<>();
        for (String value : headerValues) {
            for (String offer : split(value, ',')) {
                if (!offer.isBlank()) {
                    offers.add(offer(offer));
                }
            }
        }
        return offers;
    }

    private static DeflateOffer offer(String text) {
        List<String> parts = split(text, ';');
        String name = parts.getFirst().trim();
        boolean wellFormed = isToken(name);
        List<Parameter> parameters = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            int equals = part.indexOf('=');
            String parameterName = (equals < 0 ? part : part.substring(0, equals)).trim();
            Optional<String> value = Optional.empty();
            if (equals >= 0) {
                String raw = part.substring(equals + 1).trim();
                if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
                    raw = raw.substring(1, raw.length() - 1).replaceAll("\\\\(.)", "$1");
                }
                // RFC 6455 section 9.1: a quoted value must still be a token once unquoted.
                wellFormed &= isToken(raw);
                value = Optional.of(raw);
            }
            wellFormed &= isToken(parameterName);
            parameters.add(new Parameter(parameterName, value));
        }
        return new DeflateOffer(name, List.copyOf(parameters), wellFormed);
    }

    // Splits at a separator outside quoted strings.
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
