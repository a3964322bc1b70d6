package dev.switchboard.bench.system;

import java.util.List;

/**
 * CPU use over a measured window: the server's (all its nodes together, for a cluster), the cluster's Redis, the
 * generator's (this process) and everyone else's, each as a percentage of one CPU, plus the load average at the end.
 *
 * @param serverPercent    the server processes, or -1 if no server process is known
 * @param redisPercent     the cluster's Redis server, or -1 if there is none
 * @param generatorPercent this process
 * @param otherPercent     the rest of the machine: what might have disturbed the measurement
 * @param loadAverage      the 1-minute load average at the end of the window
 */
public record CpuWindow(double serverPercent, double redisPercent, double generatorPercent, double otherPercent,
                        double loadAverage) {

    /**
     * Starts measuring.
     *
     * @param serverPid the server's process id, or -1
     * @return a mark to finish with {@link Mark#end()}
     */
    public static Mark start(long serverPid) {
        return new Mark(serverPid > 0 ? List.of(serverPid) : List.of(), -1);
    }

    /**
     * Starts measuring a cluster: its nodes' CPU summed as the server's, and its Redis server's on its own (from
     * {@code /proc/PID/stat} at both ends, as every process here).
     *
     * @param serverPids the nodes' process ids
     * @param redisPid   the Redis server's process id, or -1
     * @return a mark to finish with {@link Mark#end()}
     */
    public static Mark start(List<Long> serverPids, long redisPid) {
        return new Mark(serverPids.stream().filter(p -> p > 0).toList(), redisPid);
    }

    private static final long MIN_WINDOW_NANOS = 250_000_000L;

    /** The counters at the start of a window. */
    public static final class Mark {
        private final List<Long> serverPids;
        private final long redisPid;
        private final long startNanos = System.nanoTime();
        private final long server;
        private final long redis;
        private final long generator;
        private final long machine;

        private Mark(List<Long> serverPids, long redisPid) {
            this.serverPids = serverPids;
            this.redisPid = redisPid;
            this.server = cpuNanos(serverPids);
            this.redis = redisPid > 0 ? Proc.cpuNanos(redisPid) : -1;
            this.generator = Proc.cpuNanos(ProcessHandle.current().pid());
            this.machine = Proc.machineBusyNanos();
        }

        /**
         * Ends the window.
         *
         * @return the CPU use since the mark
         */
        public CpuWindow end() {
            double elapsed = System.nanoTime() - startNanos;
            if (elapsed < MIN_WINDOW_NANOS) {
                // /proc counts CPU time in 10 ms ticks: a shorter window would give noise, not a percentage.
                return new CpuWindow(-1, -1, -1, -1, Proc.loadAverage());
            }
            long serverEnd = cpuNanos(serverPids);
            long redisEnd = redisPid > 0 ? Proc.cpuNanos(redisPid) : -1;
            long generatorEnd = Proc.cpuNanos(ProcessHandle.current().pid());
            long machineEnd = Proc.machineBusyNanos();
            double serverPct = server >= 0 && serverEnd >= 0 ? 100.0 * (serverEnd - server) / elapsed : -1;
            double redisPct = redis >= 0 && redisEnd >= 0 ? 100.0 * (redisEnd - redis) / elapsed : -1;
            double generatorPct = generator >= 0 && generatorEnd >= 0 ? 100.0 * (generatorEnd - generator) / elapsed : -1;
            double machinePct = machine >= 0 && machineEnd >= 0 ? 100.0 * (machineEnd - machine) / elapsed : -1;
            double other = machinePct < 0 ? -1
                    : Math.max(0, machinePct - Math.max(0, serverPct) - Math.max(0, redisPct) - Math.max(0, generatorPct));
            return new CpuWindow(serverPct, redisPct, generatorPct, other, Proc.loadAverage());
        }

        // Summed over the processes; -1 if there are none or one cannot be read.
        private static long cpuNanos(List<Long> pids) {
            long sum = 0;
            for (long pid : pids) {
                long nanos = Proc.cpuNanos(pid);
                if (nanos < 0) {
                    return -1;
                }
                sum += nanos;
            }
            return pids.isEmpty() ? -1 : sum;
        }
    }
}
