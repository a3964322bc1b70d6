package dev.switchboard.server.deflate;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Chooses the permessage-deflate offer to accept (RFC 7692 section 7): the client's first offer whose parameters the
 * server supports; every other offer is declined. A malformed offer (an unknown or repeated parameter, a bad value)
 * is declined too: the client then simply talks without compression.
 *
 * <p>{@code server_max_window_bits} from 8 to 15 is accepted, although the JDK's {@link java.util.zip.Deflater}
 * always uses a 15-bit window: the server never takes over context, so a compressed message refers back only into
 * itself, and {@link SendCompression} compresses only messages no longer than the client's window and sends the
 * rest plain (RFC 7692 lets a sender leave any message uncompressed). That keeps the JDK's native zlib, faster than
 * a Java port, for every offer; a client that asks for a small window gets its large messages plain.
 */
public final class DeflateNegotiation {

    private DeflateNegotiation() {
    }

    /**
     * The accepted offer's parameters.
     *
     * @param headerValues every {@code Sec-WebSocket-Extensions} value of the request, in order
     * @return the parameters, or empty when no offer is acceptable (no header goes in the response)
     */
    public static Optional<DeflateParameters> negotiate(List<String> headerValues) {
        for (DeflateOffer offer : DeflateOffer.parse(headerValues)) {
            if (offer.wellFormed() && offer.name().equalsIgnoreCase(DeflateParameters.NAME)) {
                Optional<DeflateParameters> accepted = accept(offer);
                if (accepted.isPresent()) {
                    return accepted;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<DeflateParameters> accept(DeflateOffer offer) {
        Set<String> seen = new HashSet<>();
        boolean clientNoContextTakeover = false;
        OptionalInt serverBits = OptionalInt.empty();
        OptionalInt clientBits = OptionalInt.empty();
        for (DeflateOffer.Parameter parameter : offer.parameters()) {
            String name = parameter.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                return Optional.empty();
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (parameter.value().isPresent()) {
                        return Optional.empty();
                    }
                }
                case "client_no_context_takeover" -> {
                    if (parameter.value().isPresent()) {
                        return Optional.empty();
                    }
                    clientNoContextTakeover = true;
                }
                case "server_max_window_bits" -> {
                    OptionalInt bits = windowBits(parameter.value());
                    // Required to have a value (RFC 7692 section 7.1.2.1).
                    if (bits.isEmpty()) {
                        return Optional.empty();
                    }
                    serverBits = bits;
                }
                case "client_max_window_bits" -> {
                    if (parameter.value().isPresent()) {
                        OptionalInt bits = windowBits(parameter.value());
                        if (bits.isEmpty()) {
                            return Optional.empty();
                        }
                        clientBits = bits;
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new DeflateParameters(clientNoContextTakeover, serverBits, clientBits));
    }

    // 8 to 15, written as plain digits without a leading zero (RFC 7692 section 7.1.2.1).
    private static OptionalInt windowBits(Optional<String> value) {
        if (value.isEmpty() || !value.get().matches("[1-9][0-9]?")) {
            return OptionalInt.empty();
        }
        int bits = Integer.parseInt(value.get());
        return bits >= 8 && bits <= 15 ? OptionalInt.of(bits) : OptionalInt.empty();
    }
}
