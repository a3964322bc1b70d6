package dev.switchboard.server.runtime;

import java.util.Optional;

/**
 * What the server reports about one protocol jar or provider in {@code GET /protocols}.
 *
 * @param name     the protocol name; empty for a jar that failed before naming its protocol
 * @param version  the provider's version; empty when unknown
 * @param jar      the jar's file name
 * @param state    loaded, disabled or failed
 * @param error    why it failed; empty otherwise
 * @param sessions open sessions
 */
public record ProtocolStatus(Optional<String> name,
                             Optional<String> version,
                             String jar,
                             State state,
                             Optional<String> error,
                             int sessions) {

    /** The states a protocol can be in. */
    public enum State {
        /** Started and negotiable. */
        LOADED,
        /** Found, but {@code enabled: false} in the configuration. */
        DISABLED,
        /** The jar or the protocol's start failed. */
        FAILED
    }
}
