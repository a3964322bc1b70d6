package dev.switchboard.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of another JVM, through its own {@code jcmd}: a full GC, then the heap in use. Only for servers that are
 * Java processes; anything else has no heap to report.
 */
public final class JavaHeap {

    // JDK 21: " garbage-first heap   total 262144K, used 31744K [..."; JDK 25: "... committed 36864K, used 17975K [...".
    // G1 prints one such line; Serial and Parallel one per generation.
    private static final Pattern USED = Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K");

    private JavaHeap() {
    }

    /**
     * Runs a full GC in the process and reads the heap in use after it.
     *
     * @param pid the process
     * @return bytes in use after the GC, or empty if the process is not a JVM this JDK's jcmd can reach
     */
    public static OptionalLong usedAfterGc(long pid) {
        Optional<Path> jcmd = jcmd(pid);
        if (jcmd.isEmpty()) {
            return OptionalLong.empty();
        }
        if (run(jcmd.get(), pid, "GC.run") == null) {
            return OptionalLong.empty();
        }
        String info = run(jcmd.get(), pid, "GC.heap_info");
        if (info == null) {
            return OptionalLong.empty();
        }
        long used = 0;
        boolean found = false;
        Matcher m = USED.matcher(info);
        while (m.find()) {
            used += Long.parseLong(m.group(2)) * 1024;
            found = true;
        }
        return found ? OptionalLong.of(used) : OptionalLong.empty();
    }

    // The jcmd beside the process's own java, so the attach protocol versions match.
    private static Optional<Path> jcmd(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().command())
                .map(Path::of)
                .filter(java -> java.getFileName().toString().equals("java"))
                .map(java -> java.resolveSibling("jcmd"))
                .filter(Files::isExecutable);
    }

    private static String run(Path jcmd, long pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
