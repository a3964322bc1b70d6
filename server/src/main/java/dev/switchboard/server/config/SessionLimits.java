package dev.switchboard.server.config;

/**
 * How many sessions may be open at once, in all and from one client address; 0 means no limit.
 *
 * @param maxSessions      sessions in all ({@code max-sessions})
 * @param maxSessionsPerIp sessions from one IP address ({@code max-sessions-per-ip})
 */
public record SessionLimits(int maxSessions, int maxSessionsPerIp) {

    /** No limit at all: what a protocol without limits of its own has. */
    public static final SessionLimits NONE = new SessionLimits(0, 0);

    /**
     * Creates the limits.
     *
     * @param maxSessions      sessions in all, 0 for no limit
     * @param maxSessionsPerIp sessions per address, 0 for no limit
     */
    public SessionLimits {
        if (maxSessions < 0 || maxSessionsPerIp < 0) {
            throw new IllegalArgumentException("Limits are 0 (none) or more: " + maxSessions + ", " + maxSessionsPerIp);
        }
    }
}
