package dev.switchboard.server.origin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Which origins may open sessions of a protocol: the server's own (the page was served by the host the handshake
 * names), and those one {@code allowed-origins} list admits. A handshake without {@code Origin} passes: it comes
 * from a program, not from a page a browser would let run with the user's cookies.
 *
 * @param key   the configuration key of the list, for messages: {@code switchboard.allowed-origins} or a
 *              protocol's own
 * @param rules the list's entries
 */
public record OriginPolicy(String key, List<OriginRule> rules) {

    /** The origin of sandboxed frames and {@code file:} pages, which no scheme or host identifies. */
    private static final String NULL_ORIGIN = "null";

    /**
     * Creates the policy.
     *
     * @param key   the key of the list
     * @param rules the entries
     */
    public OriginPolicy {
        rules = List.copyOf(rules);
    }

    /**
     * Whether a handshake may go ahead.
     *
     * @param originHeader the {@code Origin} header, if sent
     * @param hostHeader   the {@code Host} header, if sent
     * @param secure       whether the handshake arrived over TLS
     * @return {@code true} if it may
     */
    public boolean allows(Optional<String> originHeader, Optional<String> hostHeader, boolean secure) {
        if (originHeader.isEmpty()) {
            return true;
        }
        String value = originHeader.get().trim();
        if (value.equals(NULL_ORIGIN)) {
            return rules.contains(OriginRule.Keyword.NULL);
        }
        if (rules.contains(OriginRule.Keyword.ANY)) {
            return true;
        }
        Optional<Origin> origin = Origin.parse(value);
        if (origin.isEmpty()) {
            return false;
        }
        return hostHeader.filter(host -> isSameOrigin(origin.get(), host, secure)).isPresent()
                || rules.stream().anyMatch(rule -> rule.admits(origin.get()));
    }

    /**
     * The explanation a refused client gets.
     *
     * @param originHeader the refused {@code Origin} value
     * @param protocol     the protocol the handshake chose
     * @return one or two lines
     */
    public String refusal(String originHeader, String protocol) {
        String value = originHeader.trim();
        if (value.equals(NULL_ORIGIN)) {
            return "Origin null (a sandboxed frame or a file: page) may not open protocol " + protocol
                    + ".\nTo allow it, add \"null\" to " + key + ".";
        }
        return "Origin " + value + " may not open protocol " + protocol
                + ": it is neither this server's own origin nor allowed by " + key + ".\nTo allow it, add it to "
                + key + ".";
    }

    // Same host and port. The Host header names no scheme: without a port it means the default port of the scheme the
    // browser used, which is 443 on a TLS connection; on plain TCP it may still be https, through a TLS-terminating
    // proxy that forwards the Host header as the browser sent it, so the origin's own default port is taken there.
    // The scheme must be one this connection's page could have been served with: https on TLS; http on plain TCP, or
    // https through such a proxy. No other scheme (ftp://host:port) is this server's, whatever its host and port.
    private static boolean isSameOrigin(Origin origin, String hostHeader, boolean secure) {
        if (!origin.scheme().equals("https") && (secure || !origin.scheme().equals("http"))) {
            return false;
        }
        URI host;
        try {
            host = new URI("host://" + hostHeader.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (origin.port() == Origin.NO_PORT || host.getHost() == null || host.getRawUserInfo() != null
                || !host.getRawPath().isEmpty() || !host.getHost().equalsIgnoreCase(origin.host())) {
            return false;
        }
        if (host.getPort() != Origin.NO_PORT) {
            return host.getPort() == origin.port();
        }
        return origin.port() == (secure ? 443 : Origin.defaultPort(origin.scheme()));
    }
}
