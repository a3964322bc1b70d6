package dev.switchboard.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} tells about a process and the machine: CPU time, resident memory, load, limits.
 * Everything degrades to "unknown" (empty or -1) where {@code /proc} is missing.
 */
public final class Proc {

    // USER_HZ: the unit of /proc CPU times. 100 on every mainstream Linux build; getconf confirms it when present.
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private Proc() {
    }

    /**
     * CPU time a process has used, user plus system, all threads.
     *
     * @param pid the process, or {@link ProcessHandle#current()}'s pid for this one
     * @return nanoseconds, or -1 if unknown
     */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time the whole machine spent busy (everything but idle and I/O wait), summed over all CPUs.
     *
     * @return nanoseconds, or -1 if unknown
     */
    public static long machineBusyNanos() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal (guest time is already in user).
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Resident memory of a process.
     *
     * @param pid the process
     * @return bytes, or empty if unknown
     */
    public static OptionalLong rssBytes(long pid) {
        return labelledNumber(pid, "status", "VmRSS:", 1024);
    }

    /**
     * Threads of a process.
     *
     * @param pid the process
     * @return the count, or empty if unknown
     */
    public static OptionalLong threads(long pid) {
        return labelledNumber(pid, "status", "Threads:", 1);
    }

    /**
     * The 1-minute load average.
     *
     * @return the load, or -1 if unknown
     */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The soft limit on open files of a process.
     *
     * @param pid the process
     * @return the limit, or -1 if unknown or unlimited
     */
    public static long openFileLimit(long pid) {
        // "Max open files  1024  524288  files": soft limit, hard limit, unit; "unlimited" is not a number.
        return labelledNumber(pid, "limits", "Max open files", 1).orElse(-1);
    }

    /**
     * The CPUs a process may run on, as {@code taskset} would print them.
     *
     * @param pid the process
     * @return for example {@code 0-1} or {@code 1}, or {@code ?}
     */
    public static String allowedCpus(long pid) {
        return labelled(pid, "status", "Cpus_allowed_list:").orElse("?");
    }

    // What follows a label at the start of a line of /proc/PID/FILE, trimmed: empty if no line has it, or /proc
    // cannot be read.
    private static Optional<String> labelled(long pid, String file, String label) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(label)) {
                    return Optional.of(line.substring(label.length()).trim());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Unknown.
        }
        return Optional.empty();
    }

    // The first word after a label, as a whole number times a unit: empty if unknown or not a number.
    private static OptionalLong labelledNumber(long pid, String file, String label, long unit) {
        Optional<String> value = labelled(pid, file, label);
        try {
            return value.isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(value.get().split("\\s+")[0]) * unit);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            List<String> out = new String(getconf.getInputStream().readAllBytes()).lines().toList();
            getconf.waitFor();
            return Long.parseLong(out.get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
