package dev.switchboard.server.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the server reports about one protocol jar or provider in {@code GET /protocols}.
 *
 * @param name        the protocol name; empty for a jar that failed before naming its protocol
 * @param version     the provider's version; empty when unknown
 * @param jar         the jar's file name
 * @param state       loaded, draining, disabled or failed
 * @param error       why it failed; empty otherwise
 * @param sessions    open sessions, of all its generations
 * @param generations a loaded or draining protocol's generations, the newest first; empty otherwise
 */
public record ProtocolStatus(Optional<String> name,
                             Optional<String> version,
                             String jar,
                             State state,
                             Optional<String> error,
                             int sessions,
                             List<Generation> generations) {

    /**
     * Creates a status without generations: a disabled or failed protocol or jar.
     *
     * @param name     the protocol name
     * @param version  the provider's version
     * @param jar      the jar's file name
     * @param state    the state
     * @param error    why it failed
     * @param sessions open sessions
     */
    public ProtocolStatus(Optional<String> name,
                          Optional<String> version,
                          String jar,
                          State state,
                          Optional<String> error,
                          int sessions) {
        this(name, version, jar, state, error, sessions, List.of());
    }

    /** The states a protocol can be in. */
    public enum State {
        /** Started and negotiable. */
        LOADED,
        /** Its plugin was removed: no longer negotiated, its sessions are draining. */
        DRAINING,
        /** Found, but {@code enabled: false} in the configuration. */
        DISABLED,
        /** The jar or the protocol's start failed. */
        FAILED
    }

    /**
     * One generation of a protocol: what one load of its plugin started.
     *
     * @param version       the provider's version
     * @param jar           the jar or plugin folder it was loaded from
     * @param loadedAt      when it was loaded
     * @param sessions      its open sessions
     * @param drainingUntil for an older or removed generation, when its sessions still open are closed with 1012
     */
    public record Generation(String version,
                             String jar,
                             Instant loadedAt,
                             int sessions,
                             Optional<Instant> drainingUntil) {
    }
}
