package dev.switchboard.server.accept;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * The process's file descriptor limit and how many it holds, as the JVM reports them. On Linux HotSpot raises the soft
 * limit to the hard one as it starts (unless {@code -XX:-MaxFDLimit}), so the limit seen here is the one accept() will
 * hit.
 *
 * @param limit the most the process may hold open
 * @param open  how many it holds now
 */
public record FileDescriptors(long limit, long open) {

    /**
     * The limit and use of this process.
     *
     * @return them, or empty where the JVM cannot tell (not a Unix)
     */
    public static Optional<FileDescriptors> ofThisProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            long open = unix.getOpenFileDescriptorCount();
            if (limit > 0 && open >= 0) {
                return Optional.of(new FileDescriptors(limit, open));
            }
        }
        return Optional.empty();
    }
}
