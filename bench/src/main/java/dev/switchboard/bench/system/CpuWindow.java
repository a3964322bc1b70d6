package dev.switchboard.bench.system;

/**
 * CPU use over a measured window: the server's, the generator's (this process) and everyone else's, each as a
 * percentage of one CPU, plus the load average at the end.
 *
 * @param serverPercent    the server process, or -1 if no server process is known
 * @param generatorPercent this process
 * @param otherPercent     the rest of the machine: what might have disturbed the measurement
 * @param loadAverage      the 1-minute load average at the end of the window
 */
public record CpuWindow(double serverPercent, double generatorPercent, double otherPercent, double loadAverage) {

    /**
     * Starts measuring.
     *
     * @param serverPid the server's process id, or -1
     * @return a mark to finish with {@link Mark#end()}
     */
    public static Mark start(long serverPid) {
        return new Mark(serverPid);
    }

    private static final long MIN_WINDOW_NANOS = 250_000_000L;

    /** The counters at the start of a window. */
    public static final class Mark {
        private final long serverPid;
        private final long startNanos = System.nanoTime();
        private final long server;
        private final long generator;
        private final long machine;

        private Mark(long serverPid) {
            this.serverPid = serverPid;
            this.server = serverPid > 0 ? Proc.cpuNanos(serverPid) : -1;
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
                return new CpuWindow(-1, -1, -1, Proc.loadAverage());
            }
            long serverEnd = serverPid > 0 ? Proc.cpuNanos(serverPid) : -1;
            long generatorEnd = Proc.cpuNanos(ProcessHandle.current().pid());
            long machineEnd = Proc.machineBusyNanos();
            double serverPct = server >= 0 && serverEnd >= 0 ? 100.0 * (serverEnd - server) / elapsed : -1;
            double generatorPct = generator >= 0 && generatorEnd >= 0 ? 100.0 * (generatorEnd - generator) / elapsed : -1;
            double machinePct = machine >= 0 && machineEnd >= 0 ? 100.0 * (machineEnd - machine) / elapsed : -1;
            double other = machinePct < 0 ? -1
                    : Math.max(0, machinePct - Math.max(0, serverPct) - Math.max(0, generatorPct));
            return new CpuWindow(serverPct, generatorPct, other, Proc.loadAverage());
        }
    }
}
