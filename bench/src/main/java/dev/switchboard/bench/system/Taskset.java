package dev.switchboard.bench.system;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Pins the load generator to CPUs with {@code taskset}, so it does not compete with a server pinned elsewhere.
 */
public final class Taskset {

    private Taskset() {
    }

    /**
     * Pins every thread of this process, and the threads it starts later, to the given CPUs.
     *
     * @param cpus a taskset CPU list, e.g. {@code 1}
     * @throws IOException          if taskset cannot run
     * @throws InterruptedException if interrupted
     */
    public static void pin(String cpus) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).start();
        String out = new String(taskset.getInputStream().readAllBytes());
        if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            throw new IllegalStateException("cannot pin the generator to CPUs " + cpus + ": " + out.trim());
        }
        System.err.println("bench: generator pinned to CPUs " + Proc.allowedCpus(pid));
    }
}
