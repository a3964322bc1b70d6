package dev.switchboard.server.origin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an {@code allowed-origins} list.
 */
public sealed interface OriginRule {

    /**
     * Parses an entry: {@code *}, {@code null}, an exact origin ({@code https://app.example.com},
     * {@code http://localhost:8080}) or a subdomain pattern ({@code https://*.example.com}).
     *
     * @param text the entry as written
     * @return the rule
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static OriginRule parse(String text) {
        String entry = text.trim();
        if (entry.equals("*")) {
            return Keyword.ANY;
        }
        if (entry.equalsIgnoreCase("null")) {
            return Keyword.NULL;
        }
        Matcher wildcard = Subdomain.SYNTAX.matcher(entry);
        if (wildcard.matches()) {
            Origin parent = Origin.parse(wildcard.group(1) + "://" + wildcard.group(2))
                    .orElseThrow(OriginRule::notAnOrigin);
            if (!parent.host().contains(".") || parent.host().startsWith("[") || parent.host().matches("[\\d.]+")) {
                throw new IllegalArgumentException("is a pattern without a domain name of two or more labels after "
                                                           + "'*.', as in https://*.example.com");
            }
            return new Subdomain(parent);
        }
        if (entry.contains("*")) {
            throw new IllegalArgumentException("has a '*' that is neither alone nor the first label of a host, "
                                                       + "as in https://*.example.com");
        }
        return new Exact(Origin.parse(entry).orElseThrow(OriginRule::notAnOrigin));
    }

    /**
     * Whether the rule admits a parsed origin.
     *
     * @param origin the origin of a handshake
     * @return {@code true} if it may open sessions
     */
    boolean admits(Origin origin);

    private static IllegalArgumentException notAnOrigin() {
        return new IllegalArgumentException("is not an origin: write scheme://host[:port] with nothing after, "
                                                    + "e.g. https://app.example.com, or https://*.example.com, "
                                                    + "'*' or 'null'");
    }

    /**
     * An entry that is a word, not an origin.
     */
    enum Keyword implements OriginRule {
        /** {@code *}: every origin except {@code null}, which must be allowed by name. */
        ANY("*"),
        /** {@code null}: the opaque origin of sandboxed frames and {@code file:} pages; admits no parsed origin. */
        NULL("null");

        private final String text;

        Keyword(String text) {
            this.text = text;
        }

        @Override
        public boolean admits(Origin origin) {
            return this == ANY;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One origin exactly: scheme, host and port.
     *
     * @param origin the origin
     */
    record Exact(Origin origin) implements OriginRule {
        @Override
        public boolean admits(Origin candidate) {
            return origin.equals(candidate);
        }

        @Override
        public String toString() {
            return origin.toString();
        }
    }

    /**
     * {@code scheme://*.parent[:port]}: one more DNS label in front of the parent domain, with the same scheme and
     * port. Exactly one, as in a TLS wildcard certificate: {@code *.example.com} admits {@code app.example.com}
     * but neither {@code example.com}, {@code a.b.example.com}, {@code evil-example.com} nor
     * {@code example.com.evil.org}.
     *
     * @param parent the scheme, parent domain and port
     */
    record Subdomain(Origin parent) implements OriginRule {

        private static final Pattern SYNTAX = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://\\*\\.([^*]+)");

        @Override
        public boolean admits(Origin origin) {
            if (!origin.scheme().equals(parent.scheme()) || origin.port() != parent.port()) {
                return false;
            }
            String suffix = "." + parent.host();
            if (!origin.host().endsWith(suffix)) {
                return false;
            }
            String label = origin.host().substring(0, origin.host().length() - suffix.length());
            return !label.isEmpty() && label.indexOf('.') < 0;
        }

        @Override
        public String toString() {
            return parent.scheme() + "://*." + parent.host()
                    + (parent.port() == Origin.defaultPort(parent.scheme()) ? "" : ":" + parent.port());
        }
    }
}
